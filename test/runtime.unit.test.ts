import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('runs on Node.js 24 LTS, pinned by the node dev dependency whatever Node started npm', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });
});
