import type { Asker, UnitEntry } from './types.js';

/**
 * Example questions offered when a question is not understood: real unit names from the force's
 * own tree, within what the asker may see, and the kind of question the asker's role usually asks.
 * A suggestion that would only be refused is no help, so none names a unit outside the asker's scope.
 */
export function exampleQuestions(asker: Asker, units: readonly UnitEntry[]): string[] {
  if (asker.role === 'officer') {
    return ['my overdue updates', 'my compliance this month', 'my update rate last month', 'help'];
  }
  if (asker.role === 'supervisor') {
    return ["my team's compliance this month", 'who has the most overdue updates in my team?', 'needs assessments last month', 'trend over the last 6 months'];
  }
  const own = units.find((unit) => unit.id === asker.unitId);
  const area = asker.role === 'inspector' && own && own.kind !== 'team'
    ? own
    : (units.find((unit) => unit.kind === 'command') ?? units.find((unit) => unit.kind === 'department'));
  const team = units.find((unit) => unit.kind === 'team' && unit.parentId === area?.id) ?? units.find((unit) => unit.kind === 'team');
  const areaName = area?.name ?? 'the force';
  const teamName = team?.name ?? 'my team';
  return [
    `${areaName} compliance this month`,
    'which teams are below target?',
    `needs assessments for ${teamName} in October`,
    `trend for ${areaName} over the last 6 months`,
  ];
}
