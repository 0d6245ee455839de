import type { Asker } from './types.js';

/** "My teams victims" from a sergeant, who has one team: "my team's victims" typed without its apostrophe. */
const SERGEANTS_TEAM_POSSESSIVE = new RegExp(
  String.raw`\b(?:my|our) teams (?:vcop |overall |na |update )?(?:victims|figures|compliance|updates|nas|needs|rate|performance|cases` +
    '|jobs|overdue|items|stats|score|results|numbers)\\b',
);

export function saysSergeantsOwnTeam(text: string): boolean {
  return SERGEANTS_TEAM_POSSESSIVE.test(text);
}

/** "My teams compliance" from a sergeant: "my team's", for the intent reader too (not a list of teams). */
export function asSergeantsOwnTeam(text: string, asker: Asker): string {
  if (asker.role !== 'supervisor') return text;
  const said = SERGEANTS_TEAM_POSSESSIVE.exec(text);
  return said ? `${text.slice(0, said.index)}${said[0].replace(/ teams /, ' team ')}${text.slice(said.index + said[0].length)}` : text;
}

/** Said right after a person's name: their team ("Evans team", the possessive gone in normalise.ts). */
export const PERSONS_TEAM = /^s? (?:team|squad|shift|lot|unit|relief|section)\b/;
