import { editDistance, isTypoOf } from './typo-distance.js';

/**
 * Step one of understanding: one canonical spelling of the question, so later steps match plain
 * lower-case words separated by single spaces. Typos are mended only towards the words the parser
 * listens for (never towards arbitrary English), and words the caller protects — unit and officer
 * names — are left alone for their own matchers.
 */

/** Words later steps listen for; a near miss of one of these is read as that word. */
const KEYWORDS = [
  'compliance',
  'compliant',
  'vcop',
  'assessment',
  'assessments',
  'assessed',
  'needs',
  'updates',
  'update',
  'updated',
  'overdue',
  'contact',
  'contacts',
  'contacted',
  'missing',
  'outstanding',
  'breaches',
  'breach',
  'month',
  'months',
  'week',
  'weeks',
  'today',
  'quarter',
  'quarters',
  'year',
  'years',
  'since',
  'yesterday',
  'tomorrow',
  'trend',
  'trends',
  'trending',
  'monthly',
  'compare',
  'compared',
  'comparison',
  'comparing',
  'breakdown',
  'below',
  'under',
  'above',
  'target',
  'targets',
  'threshold',
  'best',
  'worst',
  'lowest',
  'highest',
  'weakest',
  'strongest',
  'poorest',
  'ranking',
  'ranked',
  'league',
  'teams',
  'team',
  'force',
  'forcewide',
  'officers',
  'officer',
  'commands',
  'command',
  'department',
  'departments',
  'inspector',
  'sergeant',
  'supervisor',
  'figures',
  'figure',
  'performance',
  'percent',
  'percentage',
  'items',
  'tasks',
  'actions',
  'victims',
  'victim',
  'current',
  'currently',
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'help',
  'examples',
  'doing',
  'looking',
  'previous',
  'overall',
  'fortnight',
  'getting',
  'excluding',
  'except',
  'slipped',
  'dropped',
  'improved',
  'across',
  'soon',
  'referral',
  'referrals',
  'referred',
  'decision',
  'decisions',
  'acknowledgement',
  'acknowledgements',
  'written',
  'letters',
];
const KEYWORD_SET = new Set(KEYWORDS);
/** Everyday words near a keyword ("need"/"needs", "terms"/"teams", "samples"/"examples"): never "mended". */
const EVERYDAY_WORDS = new Set([
  // "letting us down" is not "getting", "week ending" not "trending".
  'letting',
  'ending',
  'samples',
  'need',
  'terms',
  'weak',
  'form',
  'forms',
  'forced',
  'tread',
  'bellow',
  'below',
  'mouth',
  'teem',
  'beast',
]);

const MONTH_STEM = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
const WEEKDAY_STEM = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)';

/** Shorthand and US spellings, read as the words the parser knows. */
const SHORTHAND: Record<string, string> = {
  sgt: 'sergeant',
  sarge: 'sergeant',
  ps: 'sergeant',
  insp: 'inspector',
  dept: 'department',
  depts: 'departments',
  mth: 'month',
  mnth: 'month',
  mths: 'months',
  mnths: 'months',
  wk: 'week',
  lst: 'last',
  wots: 'what is',
  vics: 'victims',
  w: 'with',
  recieved: 'received',
  recieve: 'receive',
  wks: 'weeks',
  yr: 'year',
  yrs: 'years',
  qtr: 'quarter',
  tm: 'team',
  figs: 'figures',
  stats: 'figures',
  statistics: 'figures',
  numbers: 'figures',
  u: 'you',
  r: 'are',
  ur: 'your',
  pls: 'please',
  plz: 'please',
  teh: 'the',
  whats: 'what',
  hows: 'how',
  whos: 'who',
  compliancy: 'compliance',
  organization: 'organisation',
  summarize: 'summarise',
  analyze: 'analyse',
  prioritize: 'prioritise',
  percentage: 'percent',
  pct: 'percent',
  vs: 'versus',
  ytd: 'year to date',
  mtd: 'month to date',
  perf: 'performance',
  rn: 'right now',
  sth: 'south',
  yday: 'yesterday',
  yest: 'yesterday',
  atm: 'at the moment',
  b4: 'before',
  tem: 'team',
  lol: '',
  pcc: 'the pcc',
  v: 'versus',
  waht: 'what',
  wat: 'what',
  nth: 'north',
  whens: 'when is',
  anythin: 'anything',
  assessmnts: 'assessments',
  excl: 'excluding',
  hw: 'how',
  poss: 'possible',
  exc: 'excluding',
  ex: 'excluding',
  acknowledgment: 'acknowledgement',
  acknowledgments: 'acknowledgements',
  ack: 'acknowledgement',
  acks: 'acknowledgements',
  nfa: 'no further action decision',
  nfas: 'no further action decisions',
};

/** Words the parser listens for; name matchers skip them so "best" is never read as an officer called Best. */
/** Stands in for a decimal point while other marks become gaps: NUL, which typed text never carries (the bot refuses it). */
const KEPT_POINT = '\u0000';
const NOT_KEPT = new RegExp(`[^a-z0-9${KEPT_POINT}/\\- ]+`, 'g');

export function isKeyword(word: string): boolean {
  return KEYWORD_SET.has(word);
}

export function normalise(raw: string, protectedWords: ReadonlySet<string> = new Set()): string {
  const text = raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    // Possessives carry nothing here: "team's" is the team, "teams'" the teams.
    .replace(/([a-z0-9])'s\b/g, '$1')
    .replace(/s'(?=\s|$)/g, 's')
    .replace(/'/g, '')
    .replace(/%\s*age\b/g, ' percentage ')
    .replace(/(\d)\s*(?:%|per\s*cent\b|percent\b)/g, '$1 percent ')
    .replace(/%/g, ' percent ')
    // "1/10 - 31/10": a dash between two dates or numbers is "to" (a dash alone is otherwise a gap).
    .replace(/(\d)\s+[-–]\s+(\d)/g, '$1 to $2')
    // "1-15 Nov": two days of a month joined without spaces (never an ISO date's "2026-11-01").
    .replace(/(?<![\d-])(\d{1,2})[-–](\d{1,2})(?![\d-])/g, '$1 to $2')
    // "w/e 8 Nov": the week ending then.
    .replace(/\bw\/e\b/g, 'week ending')
    // "Jul-Sep": two months joined by a dash are a range.
    .replace(new RegExp(`\\b(${MONTH_STEM}[a-z]*)[-–](${MONTH_STEM}[a-z]*)\\b`, 'g'), '$1 to $2')
    // "Fri 6th Nov", "wed 11th": the date says the day; the weekday beside it only names it.
    .replace(new RegExp(`\\b${WEEKDAY_STEM}\\s+(?=\\d{1,2}(?:st|nd|rd|th)?\\b)`, 'g'), 'the ')
    // "charge/bail/NFA": words joined by slashes are said one after the other.
    .replace(/([a-z])\/(?=[a-z])/g, '$1 ')
    .replace(/</g, ' below ')
    .replace(/>/g, ' above ')
    // Keep decimals (87.5), dates (01/09/2026, 2026-09-01) and ids (N-T3); every other mark is a gap.
    .replace(/(\d)\.(\d)/g, `$1${KEPT_POINT}$2`)
    .replace(NOT_KEPT, ' ')
    .replaceAll(KEPT_POINT, '.');
  const tokens = text
    .split(/\s+/)
    .map((token) => token.replace(/^[-/]+|[-/]+$/g, ''))
    .filter((token) => token.length > 0);
  return tokens.map((token) => SHORTHAND[token] ?? teamShorthand(token) ?? correctTypo(token, protectedWords)).join(' ');
}

/** "t2", "tm3": a team by its number ("south t1" is South Team 1). */
function teamShorthand(token: string): string | undefined {
  const number = /^tm?(\d{1,2})s?$/.exec(token)?.[1];
  return number === undefined ? undefined : `team ${number}`;
}

function correctTypo(token: string, protectedWords: ReadonlySet<string>): string {
  if (KEYWORD_SET.has(token) || EVERYDAY_WORDS.has(token) || protectedWords.has(token) || /[\d/-]/.test(token)) return token;
  let best: string | null = null;
  let bestDistance = Infinity;
  let tied = false;
  for (const keyword of KEYWORDS) {
    if (!isTypoOf(token, keyword)) continue;
    const distance = editDistance(token, keyword);
    if (distance < bestDistance) {
      best = keyword;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance) {
      tied = true;
    }
  }
  // Two keywords equally near: leave the word as typed rather than pick one.
  return best !== null && !tied ? best : token;
}
