import { mkdtemp } from 'node:fs/promises';
import { openDb } from './src/store/connect.js';
import { migrate } from './src/store/migrate.js';
import { importRecords } from './src/service/import-records.js';
import { readNdjsonLines } from './src/service/ndjson-lines.js';
import { rebuildWorkingCalendar } from './src/store/working-calendar-store.js';
import { demoForceNdjson } from './src/demo/demo-force.js';
import { figuresSql, digestItemsSql, evaluationParams } from './src/store/evaluation-sql.js';
const size = Number(process.argv[2] ?? 100000);
const NOW = new Date('2026-11-20T10:00:00Z');
const dir = process.argv[3] ?? await mkdtemp('/tmp/scratch/pgl-');
const db = await openDb({ dataDir: dir, databaseUrl: process.env.PERF_PG });
await migrate(db);
await rebuildWorkingCalendar(db, { isWorkingDay: (d) => { const w = new Date(d+'T00:00:00Z').getUTCDay(); return w!==0 && w!==6; } }, 2015, 2035);
async function* nl(src: AsyncIterable<string>) { for await (const l of src) yield l + '\n'; }
let t0 = performance.now();
const r = await importRecords(db, readNdjsonLines(nl(demoForceNdjson({ victims: size, now: NOW })), { maxLineBytes: 65536 }), { now: NOW, timeZone: 'Europe/London', onProgress: (n) => { if (n % 500000 === 0) console.error(n, Math.round(performance.now()-t0), Math.round(process.memoryUsage().rss/1e6)+'MB'); } });
console.log('import', r.ok, r.lines, Math.round(performance.now() - t0), 'ms', Math.round(process.memoryUsage().rss/1e6)+'MB');
if (!r.ok) console.log(r.errors.slice(0,5));
const policy = { timeZone: 'Europe/London', needsAssessmentWorkingDays: 2, updateIntervalDays: 28, dueSoonDays: 3 };
for (const unit of ['FORCE', 'N-LPA', 'N-T1']) {
  for (let i = 0; i < 3; i++) {
    t0 = performance.now();
    const rows = await db.query(figuresSql('subtrees', { groupKey: 'uc.ancestor_id', joins: 'join unit_closure uc on uc.descendant_id = j.unit_id and uc.ancestor_id = any($6::text[])' }), evaluationParams(NOW, policy, [unit]));
    console.log(unit, Math.round(performance.now() - t0), 'ms', JSON.stringify(rows));
  }
}
t0 = performance.now();
const items = await db.query(digestItemsSql('all', { groupKey: 'team.id', joins: `join unit_closure uc on uc.descendant_id = j.unit_id join units team on team.id = uc.ancestor_id and team.kind = 'team'` }), evaluationParams(NOW, policy));
console.log('all digests', items.length, Math.round(performance.now() - t0), 'ms');
if (process.env.EXPLAIN) {
  const plan = await db.query<any>('explain analyze ' + figuresSql('subtrees', { groupKey: 'uc.ancestor_id', joins: 'join unit_closure uc on uc.descendant_id = j.unit_id and uc.ancestor_id = any($6::text[])' }), evaluationParams(NOW, policy, ['FORCE']));
  console.log(plan.map((r: any) => r['QUERY PLAN']).join('\n'));
}
await db.close();
