import type { Asker, UnitEntry } from './types.js';

/**
 * Example questions offered when a question is not understood: real unit names from the force's
 * own tree, and the kind of question the asker's role usually asks.
 */
export function exampleQuestions(asker: Asker, units: readonly UnitEntry[]): string[] {
  const command = units.find((unit) => unit.kind === 'command') ?? units.find((unit) => unit.kind === 'department');
  const team = units.find((unit) => unit.kind === 'team');
  const commandName = command?.name ?? 'the force';
  const teamName = team?.name ?? 'my team';
  if (asker.role === 'officer') {
    return ['my overdue updates', 'my compliance this month', `how is ${teamName} doing on updates?`, 'help'];
  }
  if (asker.role === 'supervisor') {
    return ["my team's compliance this month", 'who has the most overdue updates in my team?', 'needs assessments last month', 'trend over the last 6 months'];
  }
  return [
    `${commandName} compliance this month`,
    'which teams are below target?',
    `needs assessments for ${teamName} in October`,
    `trend for ${commandName} over the last 6 months`,
  ];
}
