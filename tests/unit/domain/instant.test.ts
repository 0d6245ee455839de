import { describe, expect, it } from 'vitest';
import { parseInstant } from '../../../src/api/instant-params.js';
import { ConfigError, readConfig } from '../../../src/config/env.js';
import { parseIsoInstant } from '../../../src/domain/instant.js';
import { parseRecord } from '../../../src/domain/records.js';

const iso = (value: string) => {
  const parsed = parseIsoInstant(value);
  return parsed.ok ? parsed.instant.toISOString() : parsed.problem;
};

describe('the one ISO 8601 instant reading (M9)', () => {
  it('reads ISO 8601 with Z or an extended offset, with or without seconds and fractions', () => {
    expect(iso('2026-10-01T09:12:00+01:00')).toBe('2026-10-01T08:12:00.000Z');
    expect(iso('2026-10-01T08:12:00.123456789Z')).toBe('2026-10-01T08:12:00.123Z');
    expect(iso('2026-10-01T08:12Z')).toBe('2026-10-01T08:12:00.000Z');
    expect(iso('2026-03-29T01:30:00-15:59')).toBe('2026-03-29T17:29:00.000Z');
    expect(iso('0001-01-01T00:00:00Z')).toBe('0001-01-01T00:00:00.000Z');
    expect(iso('0050-06-01T12:00:00Z')).toBe('0050-06-01T12:00:00.000Z');
    expect(iso('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
  });

  it('refuses the basic offset +0100 and says to write +01:00', () => {
    expect(iso('2026-11-20T07:00:00+0100')).toMatch(/^must write its offset with a colon, e.g. \+01:00 rather than \+0100/);
  });

  it('refuses offsets the store cannot hold, beyond ±15:59', () => {
    expect(iso('2026-10-01T09:12:00+16:00')).toMatch(/^has the offset \+16:00, which is out of range: offsets run from -15:59 to \+15:59/);
    expect(iso('2026-10-01T09:12:00-17:30')).toMatch(/offset -17:30, which is out of range/);
    expect(iso('2026-10-01T09:12:00+01:60')).toMatch(/out of range/);
  });

  it('refuses a UTC year outside 0001..9999, however the offset brings it there', () => {
    expect(iso('0000-06-01T00:00:00Z')).toMatch(/^is not a real date and time/);
    expect(iso('0001-01-01T00:30:00+01:00')).toMatch(/^falls outside the years 0001 to 9999 \(in UTC\)/);
    expect(iso('9999-12-31T23:30:00-01:00')).toMatch(/^falls outside the years 0001 to 9999/);
    expect(iso('10000-01-01T00:00:00Z')).toMatch(/^must be an ISO 8601 date and time with an offset/);
  });

  it('refuses impossible dates and times and anything without an offset', () => {
    for (const value of ['2026-02-29T09:12:00Z', '2026-04-31T00:00:00Z', '2026-10-01T24:00:00Z', '2026-10-01T23:59:60Z']) {
      expect(iso(value), value).toMatch(/^is not a real date and time/);
    }
    for (const value of [
      '2026-10-01T09:12:00',
      '2026-10-01 09:12:00Z',
      '2026-10-01',
      'yesterday',
      '2026-10-01T09:12:00+01',
      '2026-10-01T09:12:00z',
    ]) {
      expect(iso(value), value).toMatch(/^must be an ISO 8601 date and time with an offset/);
    }
  });

  /** Before the fix `?at=` accepted `+0100` and the year 0000 that VCOP_NOW and the records refused. */
  it('answers the same for records, VCOP_NOW and the API', () => {
    const samples = [
      '2026-11-20T07:00:00Z',
      '2026-11-20T07:00:00+01:00',
      '2026-11-20T07:00:00+0100',
      '2026-11-20T07:00:00.5-05:30',
      '2026-10-01T09:12:00+16:00',
      '0000-01-01T00:00:00Z',
      '0001-01-01T00:30:00+01:00',
      '9999-12-31T23:30:00-01:00',
      '2026-02-30T07:00:00Z',
      '2026-11-20T07:00:00',
      '2026-11-20T07:00Z',
    ];
    for (const value of samples) {
      const record = parseRecord({
        type: 'contact',
        id: 'OEL-1',
        victimId: 'V-1',
        at: value,
        kind: 'update',
        method: 'phone',
        byId: 'P1',
      }).ok;
      const env = (() => {
        try {
          return readConfig({ VCOP_NOW: value }).fixedNow?.toISOString() ?? null;
        } catch (error) {
          if (error instanceof ConfigError) return null;
          throw error;
        }
      })();
      const api = (() => {
        try {
          return parseInstant(value).toISOString();
        } catch {
          return null;
        }
      })();
      const expected = parseIsoInstant(value);
      expect({ value, record, env, api }).toEqual({
        value,
        record: expected.ok,
        env: expected.ok ? expected.instant.toISOString() : null,
        api: expected.ok ? expected.instant.toISOString() : null,
      });
    }
  });
});
