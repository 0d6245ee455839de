import { describe, expect, it } from 'vitest';
import { dueLocalDate, localMomentOf } from '../../../src/domain/local-moment.js';

const LONDON = 'Europe/London';

describe('which local date is due', () => {
  it('reads the wall clock in the zone, BST and GMT alike', () => {
    expect(localMomentOf(new Date('2026-07-01T06:00:00Z'), LONDON)).toEqual({ date: '2026-07-01', time: '07:00' });
    expect(localMomentOf(new Date('2026-12-31T23:59:00Z'), LONDON)).toEqual({ date: '2026-12-31', time: '23:59' });
    expect(localMomentOf(new Date('2026-06-30T23:30:00Z'), LONDON)).toEqual({ date: '2026-07-01', time: '00:30' });
  });

  it('07:00 is due from 07:00 local on both DST change days', () => {
    expect(dueLocalDate(new Date('2026-03-29T05:59:00Z'), LONDON, '07:00')).toBeNull();
    expect(dueLocalDate(new Date('2026-03-29T06:00:00Z'), LONDON, '07:00')).toBe('2026-03-29');
    expect(dueLocalDate(new Date('2026-10-25T06:59:00Z'), LONDON, '07:00')).toBeNull();
    expect(dueLocalDate(new Date('2026-10-25T07:00:00Z'), LONDON, '07:00')).toBe('2026-10-25');
  });

  it('a time inside the spring-forward gap is due as soon as the clocks jump past it', () => {
    expect(dueLocalDate(new Date('2026-03-29T00:59:00Z'), LONDON, '01:30')).toBeNull(); // 00:59 GMT
    expect(dueLocalDate(new Date('2026-03-29T01:00:00Z'), LONDON, '01:30')).toBe('2026-03-29'); // 02:00 BST
  });

  it('stays due for the rest of the local day (catch-up) and not into the next', () => {
    expect(dueLocalDate(new Date('2026-11-20T23:59:00Z'), LONDON, '07:00')).toBe('2026-11-20');
    expect(dueLocalDate(new Date('2026-11-21T00:00:00Z'), LONDON, '07:00')).toBeNull();
  });

  it('other zones work the same way', () => {
    expect(dueLocalDate(new Date('2026-03-08T11:00:00Z'), 'America/New_York', '07:00')).toBe('2026-03-08'); // 07:00 EDT
    expect(dueLocalDate(new Date('2026-03-08T10:59:00Z'), 'America/New_York', '07:00')).toBeNull();
  });
});
