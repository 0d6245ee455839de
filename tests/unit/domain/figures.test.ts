import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ragFor, toRatio } from '../../../src/domain/figures.js';
import { defaultPolicy } from '../../../src/domain/policy.js';

describe('toRatio', () => {
  it('gives a percentage with one decimal, halves rounded up', () => {
    expect(toRatio(7, 8)).toEqual({ compliant: 7, total: 8, rate: 87.5 });
    expect(toRatio(351, 400).rate).toBe(87.8); // 87.75
    expect(toRatio(1, 3).rate).toBe(33.3);
    expect(toRatio(2, 3).rate).toBe(66.7);
    expect(toRatio(1, 2000).rate).toBe(0.1); // 0.05
    expect(toRatio(0, 5).rate).toBe(0);
    expect(toRatio(5, 5).rate).toBe(100);
  });

  it('has no rate when there are no victims, never 0% or 100%', () => {
    expect(toRatio(0, 0)).toEqual({ compliant: 0, total: 0, rate: null });
  });

  it('refuses counts that cannot be', () => {
    expect(() => toRatio(6, 5)).toThrow(/from 0 to the total 5/);
    expect(() => toRatio(-1, 5)).toThrow(/compliant/);
    expect(() => toRatio(1.5, 5)).toThrow(/whole number/);
    expect(() => toRatio(0, -1)).toThrow(/total/);
  });

  it('is the nearest tenth of a percent, halves up, for any counts', () => {
    const counts = fc
      .integer({ min: 1, max: 2_000_000 })
      .chain((total) => fc.tuple(fc.integer({ min: 0, max: total }), fc.constant(total)));
    fc.assert(
      fc.property(counts, ([compliant, total]) => {
        const tenths = Math.round(toRatio(compliant, total).rate! * 10);
        // n is the rounded-half-up tenth of 100c/t exactly when (2n - 1) t <= 2000c < (2n + 1) t.
        return (
          (2 * tenths - 1) * total <= 2000 * compliant &&
          2000 * compliant < (2 * tenths + 1) * total &&
          toRatio(compliant, total).rate === tenths / 10
        );
      }),
    );
  });
});

describe('ragFor', () => {
  it('is GREEN at target, AMBER within the margin, RED below', () => {
    expect(ragFor(100, defaultPolicy)).toBe('GREEN');
    expect(ragFor(90.0, defaultPolicy)).toBe('GREEN');
    expect(ragFor(89.9, defaultPolicy)).toBe('AMBER');
    expect(ragFor(85.0, defaultPolicy)).toBe('AMBER');
    expect(ragFor(84.9, defaultPolicy)).toBe('RED');
    expect(ragFor(0, defaultPolicy)).toBe('RED');
  });

  it('has no colour without a rate', () => {
    expect(ragFor(null, defaultPolicy)).toBeNull();
  });

  it('follows the policy, exactly at its boundaries', () => {
    const policy = { targetRate: 90.2, amberMargin: 5.1 };
    expect(ragFor(90.2, policy)).toBe('GREEN');
    expect(ragFor(85.1, policy)).toBe('AMBER');
    expect(ragFor(85.0, policy)).toBe('RED');
  });
});
