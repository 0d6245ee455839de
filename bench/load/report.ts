/** The load run's report: latency summaries per kind of activity, and its Markdown for the README. */
import { percentile } from '../timing.js';
import type { ActionKind } from './simulated-user.js';

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoadReport {
  users: number;
  durationMs: number;
  thinkMs: number;
  victims: number;
  store: 'PGlite in memory' | 'PostgreSQL server';
  requests: number;
  errors: number;
  /** The first few errors, for a person to read. */
  errorSamples: string[];
  throughputPerSecond: number;
  overall: LatencySummary;
  byKind: Record<ActionKind, LatencySummary>;
  /** Replies the bot posted to the connector stand-in during the run. */
  repliesPosted: number;
  appRssMb: number | null;
}

/** Count and p50/p95/p99/max in ms to one decimal (all 0 when there are none). */
export function summarise(values: readonly number[]): LatencySummary {
  const at = (p: number) => (values.length === 0 ? 0 : Math.round(percentile(values, p) * 10) / 10);
  return { count: values.length, p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

export function formatLoadReport(report: LoadReport): string {
  const ms = (n: number) => `${n.toFixed(n >= 100 ? 0 : 1)} ms`;
  const row = (label: string, s: LatencySummary) =>
    `| ${label} | ${s.count.toLocaleString('en-GB')} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} |`;
  return [
    '',
    `Load: ${report.users} simulated Teams users for ${(report.durationMs / 1000).toFixed(0)} s (think time 0-${report.thinkMs} ms) against the demo force (${report.victims.toLocaleString('en-GB')} victims), app in its own process (local mode, ${report.store}).`,
    `${report.requests.toLocaleString('en-GB')} activities, ${report.errors} errors, ${report.throughputPerSecond} activities/s, ${report.repliesPosted.toLocaleString('en-GB')} replies posted${report.appRssMb === null ? '' : `, app RSS ${report.appRssMb} MB`}.`,
    '',
    '| activity | count | p50 | p95 | p99 | max |',
    '|---|---|---|---|---|---|',
    row('all', report.overall),
    row('question (message)', report.byKind.question),
    row('"digest" (message)', report.byKind.digest),
    row('Acknowledge (invoke)', report.byKind.acknowledge),
    row('Show more (invoke)', report.byKind.showMore),
    row('refresh (invoke)', report.byKind.refresh),
    ...(report.errorSamples.length > 0 ? ['', 'First errors:', ...report.errorSamples.map((e) => `  - ${e}`)] : []),
    '',
  ].join('\n');
}
