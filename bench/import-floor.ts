/**
 * The import beside its floors, on the same store in the same run: the demo force through the product's
 * import path (validated, staged by COPY, checked, merged in one transaction), then the same lines
 * written raw into a plain one-column table with nothing else: once inserted in batches of 5000 (an
 * `unnest` insert), once by COPY (the store's own bulk path, batches of 50,000 lines). Both floors run in
 * one transaction. The ratios are ours ÷ floor.
 */
import type { AppServices } from '../src/app.js';
import { demoForceNdjson } from '../src/demo/demo-force.js';
import { copyTextRow } from '../src/store/copy-text.js';
import type { Db } from '../src/store/db.js';
import { RAW_LINES_INSERT_SQL, RAW_LINES_TABLE_SQL } from './floor-sql.js';

export interface ImportRow {
  size: number;
  lines: number;
  importMs: number;
  insertFloorMs: number;
  copyFloorMs: number;
  rssMb: number;
}

export async function benchImport(services: AppServices, size: number, now: Date): Promise<ImportRow> {
  const lines: string[] = [];
  const started = performance.now();
  const result = await services.importNdjson(withNewlines(demoForceNdjson({ victims: size, now }), lines), (n) => {
    if (n % 500_000 === 0) process.stderr.write(`  ${size}: ${n} lines\n`);
  });
  const importMs = performance.now() - started;
  if (!result.ok) throw new Error(`demo import failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
  const rssMb = Math.round(process.memoryUsage().rss / 1e6);
  const insertFloorMs = await rawFloor(services.db, async (tx) => {
    for (let i = 0; i < lines.length; i += 5000) await tx.query(RAW_LINES_INSERT_SQL, [lines.slice(i, i + 5000)]);
  });
  const copyFloorMs = await rawFloor(services.db, async (tx) => {
    for (let i = 0; i < lines.length; i += 50_000) {
      await tx.copyIn(
        'bench_raw_lines (line)',
        lines
          .slice(i, i + 50_000)
          .map((line) => copyTextRow([line]))
          .join(''),
      );
    }
  });
  return { size, lines: result.lines, importMs, insertFloorMs, copyFloorMs, rssMb };
}

async function* withNewlines(source: AsyncIterable<string>, keep: string[]): AsyncGenerator<string> {
  for await (const line of source) {
    keep.push(line);
    yield `${line}\n`;
  }
}

/** Times `write` filling the raw lines table in one transaction; the table is dropped after. */
async function rawFloor(db: Db, write: (tx: Db) => Promise<void>): Promise<number> {
  await db.exec(RAW_LINES_TABLE_SQL);
  const started = performance.now();
  await db.transaction(write);
  const ms = performance.now() - started;
  await db.exec('drop table bench_raw_lines');
  return ms;
}

/** The import table alone (`--import-only`), for the README. */
export function formatImportTable(rows: readonly ImportRow[], store: string): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const out = [
    `\nImport, store: ${store}; floors: the same lines written raw in the same run.\n`,
    '| victims | lines | import (records/s) | insert floor | ratio | COPY floor | ratio | RSS |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.size.toLocaleString('en-GB')} | ${r.lines.toLocaleString('en-GB')} | ` +
        `${Math.round(r.lines / (r.importMs / 1000)).toLocaleString('en-GB')} (${seconds(r.importMs)}) | ` +
        `${seconds(r.insertFloorMs)} | ${(r.importMs / r.insertFloorMs).toFixed(2)}× | ` +
        `${seconds(r.copyFloorMs)} | ${(r.importMs / r.copyFloorMs).toFixed(2)}× | ${r.rssMb} MB |`,
    ),
  ];
  return `${out.join('\n')}\n`;
}
