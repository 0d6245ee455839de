import type { Asker, UnitEntry } from './types.js';

/**
 * Where the examples are shown: a personal chat (only the asker taps them) or a channel or group chat,
 * where everyone there sees the card and a tap is answered for whoever taps, within their own scope.
 */
export type ExamplePlace = 'personal' | 'shared';

/**
 * Asked in the first person, so each is answered in the scope of whoever taps it: an officer gets their
 * own figures, a supervisor their team's, an inspector their command's, a senior lead the force's.
 */
const EVERYONE_EXAMPLES = [
  'my compliance this month',
  'needs assessments last month',
  'my update rate last month',
  'trend over the last 6 months',
];

/**
 * Example questions (the help card, and a question that was not understood): real unit names from the
 * force's own tree, within what the asker may see, and the kind of question the asker's role usually
 * asks. A suggestion that would only be refused is no help, so none names a unit outside the asker's
 * scope; in a shared place none names a unit at all, since anyone there may tap it.
 */
export function exampleQuestions(asker: Asker, units: readonly UnitEntry[], place: ExamplePlace = 'personal'): string[] {
  if (asker.role === 'admin') return ['help'];
  if (place === 'shared') return EVERYONE_EXAMPLES;
  if (asker.role === 'officer') {
    return ['my overdue updates', 'my compliance this month', 'my update rate last month', 'help'];
  }
  if (asker.role === 'supervisor') {
    return [
      "my team's compliance this month",
      'who has the most overdue updates in my team?',
      'needs assessments last month',
      'trend over the last 6 months',
    ];
  }
  const own = units.find((unit) => unit.id === asker.unitId);
  if (asker.role === 'inspector') {
    // An inspector sees their own unit's subtree only, whatever kind of unit they are posted to.
    if (!own) return EVERYONE_EXAMPLES;
    if (own.kind === 'team') {
      return [
        `${own.name} compliance this month`,
        `who has the most overdue updates in ${own.name}?`,
        `needs assessments for ${own.name} in October`,
        `trend for ${own.name} over the last 6 months`,
      ];
    }
    return areaExamples(own, units);
  }
  // A senior lead sees the force: any command makes a good example, wherever they are posted.
  const area = units.find((unit) => unit.kind === 'command') ?? units.find((unit) => unit.kind === 'department');
  return area ? areaExamples(area, units) : EVERYONE_EXAMPLES;
}

function areaExamples(area: UnitEntry, units: readonly UnitEntry[]): string[] {
  const team = units.find((unit) => unit.kind === 'team' && unit.parentId === area.id);
  return [
    `${area.name} compliance this month`,
    'which teams are below target?',
    team ? `needs assessments for ${team.name} in October` : `needs assessments for ${area.name} in October`,
    `trend for ${area.name} over the last 6 months`,
  ];
}
