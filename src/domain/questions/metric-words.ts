import type { Metric } from './types.js';

/**
 * Which figure a question is about: fully compliant (the headline VCOP figure), needs assessments,
 * victim updates, or one of the Code's later duties (referral, written acknowledgement, key decisions).
 * Returns null when the question does not say, so the caller can tell "not said"
 * (overall by default) from "said".
 */

const NEEDS_ASSESSMENT = /\bneeds? assess\w*|\bassess(?:ment|ments|ed)\b|\bv?nas?\b|\bvnas?\b/;
/** "Is Priya up to date", "are we up to date with our victims": the updates, not "the latest figures". */
const UPDATE_WORDS = new RegExp(
  String.raw`\bkeeping up(?: with)?\b|\bupdat\w*|\bcontact\w*|\b28[- ]day\w*\b` +
    String.raw`|\b(?:is|are|am|keeping) (?:\w+ ){0,3}?up to date\b(?! (?:figures|picture|numbers|position))`,
);
const OVERDUE_WORDS = /\boverdue\b|\blate\b/;
const OVERALL_WORDS = /\bcomplian\w*|\bvcop\b|\bvictims code\b|\boverall\b|\bfully\b|\bfull\b/;
/** The Code's later duties, each by the words people use for it. */
const REFERRAL_WORDS = /\brefer(?:ral|rals|red|ring|s)?\b|\bvictim support\b|\bsupport services?\b|\bsignpost\w*/;
const WRITTEN_ACK_WORDS = new RegExp(
  String.raw`\bwritten ack\w*(?: letters?)?(?: sent)?|\backs?(?:nowledge?ments?)? letters?\b|\backnowledg\w* (?:letters?|in writing)\b` +
    String.raw`|\bsent (?:the |all |our |my )?(?:(?:written )?ack\w*|letters?)(?: letters?)?(?: out)?|\back\w* (?:letters? )?sent\b` +
    String.raw`|\bcrime (?:ref(?:erence)?|number) letters?\b|\bletters? (?:sent|out)\b|\bwritten confirm\w*` +
    String.raw`|\backnowledg\w* of (?:the )?crimes?\b`,
);
/** "Within 2 days", "inside 5 working days": the duty's own deadline, said beside it. */
const DEADLINE_WORDS = new RegExp(
  String.raw`\b(?:with)?in (?:the )?(?:\d{1,2}|one|two|three|four|five) (?:working |calendar )?days?\b|\bgoing out\b` +
    String.raw`|\bgetting (?:them|it) done\b|\b(?:getting|get|got|sent|going) (?:\w+ ){0,3}?out\b`,
);
const DECISION_WORDS = new RegExp(
  String.raw`\b(?:key |charging |case )?decisions?(?: updates?)?\b|\btold (?:of|about) (?:the )?(?:key )?decisions?\b` +
    // The Code's key decisions by name (records-format.md's decision kinds), and being told of them.
    String.raw`|\b(?:told|informed) (?:of|about)\b|\b(?:arrests?|charges?|charged|charging|bail|nfa|rui|no further action)\b`,
);
const DUTY_WORDS: readonly [RegExp, Metric][] = [
  [DECISION_WORDS, 'decision_updates'],
  [WRITTEN_ACK_WORDS, 'written_acknowledgement'],
  [REFERRAL_WORDS, 'referral'],
];

/** "update me on North LPA" asks for news, not for the update figure. */
const UPDATE_AS_NEWS = /\b(?:update me|give me an? update|(?:any|an) updates? (?:on|about|for))\b/g;

export function readMetric(text: string): Metric | null {
  const plain = text.replace(UPDATE_AS_NEWS, ' ');
  // A later duty named is the figure asked for: "key decision updates" are not the 28-day updates.
  for (const [words, duty] of DUTY_WORDS) if (words.test(plain)) return duty;
  const needsAssessment = NEEDS_ASSESSMENT.test(plain);
  const updates = UPDATE_WORDS.test(plain);
  if (needsAssessment && updates) return 'overall';
  if (needsAssessment) return 'needs_assessment';
  // "Overdue" on its own is the update obligation: a needs assessment is "missing", not overdue.
  if (updates || OVERDUE_WORDS.test(plain)) return 'updates';
  if (OVERALL_WORDS.test(plain)) return 'overall';
  return null;
}

/** Every pattern this reader listens for, so the words they match count as read (unread-words.ts). */
export const METRIC_PATTERNS: readonly RegExp[] = [
  NEEDS_ASSESSMENT,
  UPDATE_WORDS,
  OVERDUE_WORDS,
  OVERALL_WORDS,
  UPDATE_AS_NEWS,
  DEADLINE_WORDS,
  ...DUTY_WORDS.map(([words]) => words),
];
