import { describe, expect, it } from 'vitest';
import { boundErrorList } from '../../../src/service/import-error-list.js';

describe('the bad lines an import answer lists', () => {
  const errors = Array.from({ length: 50 }, (_, i) => ({ line: i + 1, message: 'm'.repeat(100) }));

  it('lists at most the count asked for', () => {
    expect(boundErrorList(errors, 10).map((e) => e.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('stops before the messages pass the size budget, but always lists the first', () => {
    expect(boundErrorList(errors, 10_000, 1_000)).toHaveLength(10);
    expect(boundErrorList(errors, 10_000, 50)).toEqual([errors[0]]);
  });

  it('bounds a 10,000-line answer to about 1 MB of messages by default', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ line: i + 1, message: 'm'.repeat(500) }));
    const listed = boundErrorList(many, 10_000);
    expect(listed.length).toBe(2000);
    expect(listed.reduce((chars, e) => chars + e.message.length, 0)).toBeLessThanOrEqual(1_000_000);
  });
});
