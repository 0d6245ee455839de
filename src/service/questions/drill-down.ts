import type { Query, Scope } from '../../domain/questions/index.js';
import type { FigureLine, QueryButton } from './answer-types.js';
import type { Target } from './scope-checks.js';

/**
 * The buttons under an answer: each asks a structured query, answered through the same scope checks as a
 * typed question when pressed (nothing a card sends is trusted).
 */

/** Teams shows few buttons: a list offers the first few rows only. */
const MAX_DRILL_DOWN_ROWS = 5;
/** The months a "Last 6 months" button asks for. */
const DRILL_DOWN_TREND_MONTHS = 6;

/** Children, officers and items of what was just answered, as buttons that ask those queries. */
export function figureDrillDown(target: Target, query: Query): QueryButton[] {
  const trend: Query = { ...query, intent: { kind: 'trend', months: DRILL_DOWN_TREND_MONTHS }, period: { kind: 'now' } };
  switch (target.kind) {
    case 'officer':
      return [
        { label: 'Show the items', query: { ...query, intent: { kind: 'my_items' }, period: { kind: 'now' } } },
        { label: 'Last 6 months', query: trend },
      ];
    case 'unit': {
      const unit = target.unit;
      const scope: Scope = unit.kind === 'force' ? { kind: 'force' } : { kind: 'unit', unitId: unit.id };
      const base = { metric: query.metric, scope, period: query.period };
      if (unit.kind === 'team') {
        return [
          { label: 'By officer', query: { ...base, intent: { kind: 'compare_children' } } },
          { label: 'Show the items', query: { ...base, intent: { kind: 'my_items' }, period: { kind: 'now' } } },
          { label: 'Last 6 months', query: { ...trend, scope } },
        ];
      }
      return [
        { label: unit.kind === 'force' ? 'By command' : 'By team', query: { ...base, intent: { kind: 'compare_children' } } },
        { label: 'Teams below target', query: { ...base, intent: { kind: 'below_target', threshold: null } } },
        { label: 'Last 6 months', query: { ...trend, scope } },
      ];
    }
  }
}

/** Each listed unit or officer (the first few) opens its own figure. */
export function rowDrillDown(rows: FigureLine[], query: Query): QueryButton[] {
  return rows.slice(0, MAX_DRILL_DOWN_ROWS).flatMap((row): QueryButton[] => {
    const scope: Scope | null =
      row.officerId !== null
        ? { kind: 'officer', personId: row.officerId }
        : row.unitId !== null
          ? { kind: 'unit', unitId: row.unitId }
          : null;
    return scope ? [{ label: row.label, query: { intent: { kind: 'figure' }, metric: query.metric, scope, period: query.period } }] : [];
  });
}
