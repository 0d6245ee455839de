/** The store benchmark's Markdown table, for the README. */
import { RUNS, SIZE_NOW, type SizeRow } from './force-size.js';

export function formatSizeTable(rows: readonly SizeRow[], store: 'PostgreSQL server' | 'PGlite (file)'): string {
  const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);
  const ratio = (ours: number, floor: number) => `${(ours / floor).toFixed(2)}×`;
  const out = [
    `\nStore: ${store}; now ${SIZE_NOW.toISOString()}; ${RUNS} runs after a warm-up.\n`,
    '| victims | lines | import (records/s) | ratio to insert / COPY floor | team p50 / p95 | ratio | command p50 / p95 | ratio | force p50 / p95 | ratio | all team digests (teams) | ratio | RSS |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) =>
      [
        r.size.toLocaleString('en-GB'),
        r.lines.toLocaleString('en-GB'),
        `${Math.round(r.lines / (r.importMs / 1000)).toLocaleString('en-GB')} (${ms(r.importMs)})`,
        `${ratio(r.importMs, r.importFloorMs)} / ${ratio(r.importMs, r.importCopyFloorMs)}`,
        `${ms(r.latency.team.p50)} / ${ms(r.latency.team.p95)}`,
        ratio(r.latency.team.p50, r.latency.team.floorP50),
        `${ms(r.latency.command.p50)} / ${ms(r.latency.command.p95)}`,
        ratio(r.latency.command.p50, r.latency.command.floorP50),
        `${ms(r.latency.force.p50)} / ${ms(r.latency.force.p95)}`,
        ratio(r.latency.force.p50, r.latency.force.floorP50),
        `${ms(r.digestsMs)} (${r.teams})`,
        ratio(r.digestsMs, r.digestsFloorMs),
        `${r.rssMb} MB`,
      ]
        .join(' | ')
        .replace(/^/, '| ')
        .replace(/$/, ' |'),
    ),
  ];
  return `${out.join('\n')}\n`;
}

/** The figures cache beside the full evaluation, per size and unit (figures-cache.ts). */
export function formatCacheTable(rows: readonly SizeRow[]): string {
  const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(2)} ms`);
  const times = (full: number, cached: number) => `${ms(full)} → ${ms(cached)} (${(full / cached).toFixed(0)}× faster)`;
  const out = [
    '\nFigures cache: p50 of the full evaluation → p50 of the cached answer (now: a new instant each run; last month end: one instant).\n',
    '| victims | unit | now | cached now p95 | last month end | after an import: now / last month end |',
    '|---|---|---|---|---|---|',
    ...rows.flatMap((r) =>
      r.cache.map(
        (c) =>
          `| ${r.size.toLocaleString('en-GB')} | ${c.label} | ${times(c.nowFullP50, c.nowCachedP50)} | ${ms(c.nowCachedP95)} | ` +
          `${times(c.monthEndFullP50, c.monthEndCachedP50)} | ${ms(c.firstAfterImportMs)} / ${ms(c.monthEndAfterImportMs)} |`,
      ),
    ),
  ];
  return `${out.join('\n')}\n`;
}
