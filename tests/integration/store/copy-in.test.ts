import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyTextRow } from '../../../src/store/copy-text.js';
import type { Db } from '../../../src/store/db.js';
import { DRIVERS, importText, openTestDb, smallForceNdjson, type TestDb } from '../../support/test-db.js';

/**
 * `Db.copyIn`, the store's bulk path an import stages its lines with (issue 15): every value arrives as
 * written, a row the store refuses fails the whole COPY with nothing written, and the store answers
 * the next statement as before.
 */
const AWKWARD = ['tab\there', 'two\nlines', 'back\\slash', '\\.', 'carriage\rreturn', 'Siân Ní Bhriain ☂', ''];

describe.each(DRIVERS)('COPY into a table on %s', (driver) => {
  let store: TestDb;
  beforeEach(async () => {
    store = await openTestDb(driver, { migrated: false });
    await store.db.exec('create table copied (line int not null, value text, at timestamptz, flag boolean)');
  });
  afterEach(() => store.dispose());

  const rows = (db: TestDb['db']) =>
    db.query<{ line: number; value: string | null; at: string | null; flag: boolean | null }>(
      `select line, value, to_char(at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as at, flag from copied order by line`,
    );

  it('writes every value as given: tabs, newlines, backslashes, the end-of-data marker, nulls', async () => {
    const text = AWKWARD.map((value, i) => copyTextRow([i + 1, value, '2026-10-25T01:30:00.000Z', i % 2 === 0])).join('');
    await store.db.copyIn('copied (line, value, at, flag)', text + copyTextRow([99, null, null, null]));
    expect(await rows(store.db)).toEqual([
      ...AWKWARD.map((value, i) => ({ line: i + 1, value, at: '2026-10-25 01:30', flag: i % 2 === 0 })),
      { line: 99, value: null, at: null, flag: null },
    ]);
  });

  it('writes nothing when one row is refused, says why, and answers the next statement', async () => {
    const text = copyTextRow([1, 'fine', null, null]) + copyTextRow([2, 'bad instant', 'not a time', null]);
    await expect(store.db.copyIn('copied (line, value, at, flag)', text)).rejects.toMatchObject({ code: '22007' });
    expect(await rows(store.db)).toEqual([]);
    await store.db.copyIn('copied (line, value)', copyTextRow([3, 'after']));
    expect((await rows(store.db)).map((r) => r.value)).toEqual(['after']);
  });

  it('joins a transaction: rolled back with it', async () => {
    await expect(
      store.db.transaction(async (tx) => {
        await tx.copyIn('copied (line, value)', copyTextRow([1, 'inside']));
        expect((await tx.query('select value from copied')).length).toBe(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await rows(store.db)).toEqual([]);
  });

  it('accepts an empty COPY (a batch with no rows)', async () => {
    await store.db.copyIn('copied (line, value)', '');
    expect(await rows(store.db)).toEqual([]);
  });
});

describe.each(DRIVERS)('an import on %s', (driver) => {
  let store: TestDb;
  beforeEach(async () => {
    store = await openTestDb(driver);
  });
  afterEach(() => store.dispose());

  it('stages its records by COPY, one per record type for a small file, and inserts none', async () => {
    const copied: string[] = [];
    const inserted: string[] = [];
    const recording: Db = {
      ...store.db,
      query: (sql, params) => {
        // The checks write their findings to the import's errors table; no record goes in by insert.
        if (/^\s*insert into import_[0-9a-z]+_[0-9a-f]{8}_(?!errors\b)/i.test(sql)) inserted.push(sql);
        return store.db.query(sql, params);
      },
      copyIn: (target, text) => {
        copied.push(target.replace(/^import_\w+?_[0-9a-f]{8}_/, '').replace(/ \(.*/, ''));
        return store.db.copyIn(target, text);
      },
    };
    const result = await importText(recording, await smallForceNdjson());
    expect(result.ok).toBe(true);
    expect(copied.sort()).toEqual(['cases', 'contacts', 'needs_assessments', 'people', 'units', 'victims']);
    expect(inserted).toEqual([]);
  });
});
