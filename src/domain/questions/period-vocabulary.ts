/** The words the period reader knows: months, weekdays, ordinals, counts and quarters (period-words.ts). */

export const MONTH_NUMBERS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
export const MONTH =
  '(january|february|march|april|may|june|july|august|september|october|november|december|' +
  'jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)';
export const ORDINAL = '(\\d{1,2})(?:st|nd|rd|th)?';
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** Short weekdays people type ("end of day weds"); Sat and Sun are left out: "sat" is a word too. */
export const WEEKDAY_SHORT: Record<string, number> = { mon: 0, tue: 1, tues: 1, wed: 2, weds: 2, thu: 3, thur: 3, thurs: 3, fri: 4 };

export const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  eighteen: 18,
  'twenty four': 24,
};
export const COUNT = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;
export const QUARTER_WORDS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 };

/** A weekday as people write it, whole or short ("tuesday", "tues"). */
export const WEEKDAY_WORD = `(?:${[...WEEKDAYS, ...Object.keys(WEEKDAY_SHORT)].join('|')})`;
