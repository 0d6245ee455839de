import { z } from 'zod';
import { MAX_TREND_MONTHS } from './period-found.js';
import type { Query } from './types.js';

/**
 * A query as a card button carries it back (drill-downs, "did you mean" choices). Card data comes from
 * the client and may have been altered, so it is read with this schema before anything else looks at it;
 * it says only what was asked, never who may see it: scope is decided again on the server.
 */

const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'not an id');
const year = z.number().int().min(2000).max(2100);

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return y >= 2000 && y <= 2100 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'not a calendar date');

const periodSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('now') }).strict(),
    z.object({ kind: z.literal('today') }).strict(),
    z.object({ kind: z.literal('week'), offset: z.number().int().min(-520).max(0) }).strict(),
    z.object({ kind: z.literal('month'), year, month: z.number().int().min(1).max(12) }).strict(),
    z.object({ kind: z.literal('quarter'), year, quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]) }).strict(),
    z.object({ kind: z.literal('year'), year }).strict(),
    z.object({ kind: z.literal('since'), from: localDate }).strict(),
    z.object({ kind: z.literal('day'), date: localDate }).strict(),
    z.object({ kind: z.literal('range'), from: localDate, to: localDate }).strict(),
  ])
  .refine((period) => period.kind !== 'range' || period.from <= period.to, 'a range ends on or after its start');

const among = z.enum(['teams', 'commands']).optional();
const only = z.array(id).min(2).max(12).optional();

const intentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('figure'), count: z.literal(true).optional() }).strict(),
  z
    .object({
      kind: z.literal('compare_children'),
      among,
      only,
      rag: z.enum(['RED', 'AMBER', 'GREEN']).optional(),
      change: z.enum(['down', 'up']).optional(),
    })
    .strict(),
  // Card templating drops null values, so a missing threshold is read as null (the policy's target).
  z
    .object({
      kind: z.literal('below_target'),
      threshold: z
        .number()
        .gt(0)
        .max(100)
        .nullish()
        .transform((value) => value ?? null),
      among,
      only,
    })
    .strict(),
  z
    .object({ kind: z.literal('rank'), order: z.enum(['best', 'worst']), among, limit: z.number().int().min(1).max(50).optional(), only })
    .strict(),
  z.object({ kind: z.literal('most'), of: z.enum(['overdue_updates', 'missing_needs_assessments']), among, only }).strict(),
  z
    .object({
      kind: z.literal('trend'),
      months: z.number().int().min(1).max(MAX_TREND_MONTHS),
      through: z
        .object({ year, month: z.number().int().min(1).max(12) })
        .strict()
        .optional(),
    })
    .strict(),
  z.object({ kind: z.literal('my_items') }).strict(),
  z.object({ kind: z.literal('promises') }).strict(),
  z
    .object({
      kind: z.literal('dip_audit'),
      show: z.enum(['results', 'outstanding', 'box_ticked']),
      lead: z.literal('good_service').optional(),
    })
    .strict(),
]);

const scopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit'), unitId: id }).strict(),
  z.object({ kind: z.literal('officer'), personId: id }).strict(),
  z.object({ kind: z.literal('force') }).strict(),
]);

export const querySchema = z
  .object({
    intent: intentSchema,
    metric: z.enum(['overall', 'needs_assessment', 'updates', 'referral', 'written_acknowledgement', 'decision_updates']),
    scope: scopeSchema,
    period: periodSchema,
    except: z.array(id).min(1).max(12).optional(),
  })
  .strict();

/** The query a button sent, or null when it is not one this bot could have put on a card. */
export function readQuery(value: unknown): Query | null {
  const parsed = querySchema.safeParse(value);
  return parsed.success ? (parsed.data as Query) : null;
}
