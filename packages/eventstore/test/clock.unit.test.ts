import { describe, expect, it } from 'vitest';
import { createManualClock, systemClock } from '../src/index.js';

const T0 = new Date('2030-03-04T08:00:00+08:00');

describe('manual clock', () => {
  it('stands still until moved, then moves by exactly what it is told', () => {
    const clock = createManualClock(T0);
    expect(clock.now()).toEqual(T0);
    expect(clock.now()).toEqual(T0);
    clock.advance(1_500);
    expect(clock.now()).toEqual(new Date(T0.getTime() + 1_500));
    clock.advance(0);
    expect(clock.now()).toEqual(new Date(T0.getTime() + 1_500));
  });

  it('jumps to a set time, backwards too', () => {
    const clock = createManualClock(T0);
    clock.set(new Date('2030-03-04T07:00:00+08:00'));
    expect(clock.now().toISOString()).toBe('2030-03-03T23:00:00.000Z');
  });

  it('cannot be moved by mutating a date it handed out or was given', () => {
    const start = new Date(T0);
    const clock = createManualClock(start);
    start.setFullYear(1999);
    clock.now().setFullYear(1999);
    expect(clock.now()).toEqual(T0);
  });

  it('refuses invalid dates and backward or non-finite advances', () => {
    expect(() => createManualClock(new Date('not a date'))).toThrow(RangeError);
    const clock = createManualClock(T0);
    expect(() => clock.set(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow(/use set\(\) to go back/);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
    expect(() => clock.advance(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(clock.now()).toEqual(T0);
  });
});

describe('system clock', () => {
  it('reads the wall clock', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
