import { quietHoursOf, readWeekdays, type QuietHours, type WeekdaySet } from '../domain/shift-rules.js';
import type { CoverCommand } from '../service/set-cover.js';
import { WEEKLY_DEFAULT, type WeeklyCommand } from '../service/set-weekly-summary.js';

/** What a chat message asks for. Anything that is not a command is a question. */
export type ChatCommand =
  | { kind: 'help' }
  | { kind: 'digest' }
  | { kind: 'myItems' }
  | { kind: 'digestAt'; localTime: string }
  | { kind: 'digestOff' }
  | { kind: 'subscribe'; unitName: string; localTime: string | null }
  /** "digest days mon-fri", "digest days every day". */
  | { kind: 'digestDays'; days: WeekdaySet }
  | { kind: 'badDays'; given: string }
  /** "quiet hours 22:00-06:00", "quiet hours off". */
  | { kind: 'quietHours'; quiet: QuietHours | null }
  /** "away until 30 Nov", "back", "deputy PS 2345", "deputy off". */
  | { kind: 'cover'; command: CoverCommand }
  /** "weekly at tue 09:00", "weekly on", "weekly off": the weekly summary of inspectors and senior leads. */
  | { kind: 'weekly'; command: WeeklyCommand }
  /** "dip sample", "dip sample 2026-10": the inspector's dip sample (issue 16); `period` as typed. */
  | { kind: 'dipSample'; period: string | null }
  /** "dip delegate PS 1001", "dip delegate none": who audits the inspector's unit's samples for them; `who` as typed. */
  | { kind: 'dipDelegate'; who: string | null }
  /** A command whose time could not be read, e.g. "digest at 25:00". */
  | { kind: 'badTime'; given: string }
  | { kind: 'question'; text: string };

/** Parses the text of a message, the bot's @mention already removed. */
export function parseChatCommand(text: string): ChatCommand {
  const original = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!]+$/, '');
  const words = original.toLowerCase();
  if (words === 'help' || words === '?' || words === 'hi' || words === 'hello') return { kind: 'help' };
  if (words === 'digest' || words === 'digest now' || words === 'show digest' || words === 'my digest') return { kind: 'digest' };
  if (words === 'my items' || words === 'items' || words === 'my reminder') return { kind: 'myItems' };
  if (words === 'digest off' || words === 'stop digest' || words === 'stop' || words === 'unsubscribe') return { kind: 'digestOff' };

  // "dip sample results", "dip sample outstanding": a question about the audits (issue 16), not a month.
  const dip = /^dip[- ]?samples?(?: (?:for )?(?!(?:results?|outstanding|audits?|figures|left|remaining|progress)\??$)(\S+))?$/.exec(words);
  if (dip) return { kind: 'dipSample', period: dip[1] ?? null };
  if (/^dip[- ]?(?:sample )?delegate:? (?:none|off|nobody)$|^no dip delegate$/.test(words)) return { kind: 'dipDelegate', who: null };
  const delegate = /^dip[- ]?(?:sample )?delegate:? (?:is )?(.+)$/i.exec(original);
  if (delegate) return { kind: 'dipDelegate', who: delegate[1] as string };

  const shift = parseShiftCommand(original, words);
  if (shift) return shift;

  const digestAt = /^digest (?:at )?(\S+)$/.exec(words);
  if (digestAt) {
    const localTime = readLocalTime(digestAt[1] as string);
    return localTime ? { kind: 'digestAt', localTime } : { kind: 'badTime', given: digestAt[1] as string };
  }
  const subscribe = /^subscribe (?:to )?(.+?)(?: at (\S+))?$/i.exec(original);
  if (subscribe) {
    const given = subscribe[2];
    if (given === undefined) return { kind: 'subscribe', unitName: subscribe[1] as string, localTime: null };
    const localTime = readLocalTime(given);
    return localTime ? { kind: 'subscribe', unitName: subscribe[1] as string, localTime } : { kind: 'badTime', given };
  }
  return { kind: 'question', text: original };
}

/** Days, quiet hours, time away and the deputy (src/domain/shift-rules.ts); null when it is none of them. */
function parseShiftCommand(original: string, words: string): ChatCommand | null {
  const weekly = /^weekly(?: summary| card)?(?: (on|off)| (?:at |on )?(?:([a-z]+) )?(?:at )?(\S+))?$/.exec(words);
  const weeklyCommand = weekly ? readWeekly(weekly[1], weekly[2], weekly[3]) : null;
  if (weeklyCommand) return weeklyCommand;
  // "days ..." alone only when every word is a day: "days overdue in North Team 3" is a question.
  const days = /^(digest )?days:? (.+)$/.exec(words);
  if (days) {
    const read = readWeekdays(days[2] as string);
    if (read !== null) return { kind: 'digestDays', days: read };
    if (days[1] !== undefined) return { kind: 'badDays', given: days[2] as string };
  }
  if (/^(?:quiet(?: hours)?:? (?:off|none)|no quiet hours)$/.test(words)) return { kind: 'quietHours', quiet: null };
  const quiet = /^quiet(?: hours)?:? (?:from )?(\S+) ?(?:-|–|to|until) ?(\S+)$/.exec(words);
  if (quiet) {
    const from = readLocalTime(quiet[1] as string);
    const until = readLocalTime(quiet[2] as string);
    const hours = from === null || until === null ? null : quietHoursOf(from, until);
    return hours ? { kind: 'quietHours', quiet: hours } : { kind: 'badTime', given: `${quiet[1]}-${quiet[2]}` };
  }
  const away = /^(?:i'?m |i am )?(?:away|on leave|off) (?:until|till|til|to) (.+)$/.exec(words);
  if (away) return { kind: 'cover', command: { kind: 'awayUntil', given: away[1] as string } };
  if (/^(?:back|i'?m back|i am back|away off|not away)$/.test(words)) return { kind: 'cover', command: { kind: 'back' } };
  if (/^(?:deputy|cover):? (?:off|none)$|^no deputy$/.test(words)) return { kind: 'cover', command: { kind: 'deputy', who: null } };
  const deputy = /^(?:deputy|cover):? (?:is )?(.+)$/i.exec(original);
  if (deputy) return { kind: 'cover', command: { kind: 'deputy', who: deputy[1] as string } };
  return null;
}

/** Null when the words after "weekly" are not a day and a time: "weekly figures for North LPA" is a question. */
function readWeekly(onOff: string | undefined, day: string | undefined, time: string | undefined): ChatCommand | null {
  if (onOff === 'off') return { kind: 'weekly', command: { kind: 'off' } };
  if (time === undefined) return { kind: 'weekly', command: { kind: 'on', ...WEEKLY_DEFAULT } };
  const localTime = readLocalTime(time);
  const days = day === undefined ? 1 << (WEEKLY_DEFAULT.weekday - 1) : readWeekdays(day);
  const weekday = days === null ? -1 : [1, 2, 3, 4, 5, 6, 7].find((n) => days === 1 << (n - 1));
  if (weekday === undefined || weekday < 0 || localTime === null) return null;
  return { kind: 'weekly', command: { kind: 'on', weekday, localTime } };
}

/** "6:30", "06.30", "0630", "7am", "7.30pm" -> "HH:MM" (24-hour); null when it is not a time of day. */
export function readLocalTime(given: string): string | null {
  const match = /^(\d{1,2})(?:[:.]?(\d{2}))?\s*(am|pm)?$/i.exec(given.trim());
  if (!match) return null;
  let hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3]?.toLowerCase();
  if (match[2] === undefined && !meridiem) return null;
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
