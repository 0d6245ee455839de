/** What a chat message asks for. Anything that is not a command is a question. */
export type ChatCommand =
  | { kind: 'help' }
  | { kind: 'digest' }
  | { kind: 'myItems' }
  | { kind: 'digestAt'; localTime: string }
  | { kind: 'digestOff' }
  | { kind: 'subscribe'; unitName: string; localTime: string | null }
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
