import { describe, expect, it } from 'vitest';
import { create } from '@bufbuild/protobuf';
import { Health, HealthCheckRequestSchema } from '@mpp/contracts';
import { ERROR_CODES } from '@mpp/errors';
import { errorCodeOf, grpcStatusOf } from './errors.js';
import { serviceDefinition } from './definition.js';

describe('service definition from a protobuf-es descriptor', () => {
  it('has the wire path, streaming flags and protobuf serialisers of each method', () => {
    const def = serviceDefinition(Health);
    expect(Object.keys(def).sort()).toEqual(['check', 'list', 'watch']);
    expect(def.check).toMatchObject({ path: '/grpc.health.v1.Health/Check', requestStream: false, responseStream: false });
    expect(def.watch).toMatchObject({ path: '/grpc.health.v1.Health/Watch', requestStream: false, responseStream: true });
    const bytes = def.check!.requestSerialize(create(HealthCheckRequestSchema, { service: 'mpp.queue.v1.QueueService' }));
    expect(def.check!.requestDeserialize(bytes)).toMatchObject({ service: 'mpp.queue.v1.QueueService' });
  });
});

describe('error code mapping', () => {
  it('round-trips every platform error code through its gRPC status', () => {
    for (const code of ERROR_CODES) expect(errorCodeOf(grpcStatusOf(code))).toBe(code);
  });
});
