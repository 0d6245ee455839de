import { isDutyMetric, type Intent, type Metric } from './types.js';

/**
 * What the asker wants done with the figures: one figure, a list (children, below target, best or
 * worst, most overdue), a trend, or their own items. Read from normalised text whose period phrases
 * are already blanked, so "last 6 months" arrives as `trendMonths`, not as words.
 */

/** What a list ranks, when the question says: decides where the list is taken ("which team" = the area). */
export type ListNoun = 'teams' | 'officers' | 'commands' | null;

export interface IntentReading {
  intent: Intent;
  /** False when nothing asked for more than the figure itself. */
  explicit: boolean;
  listNoun: ListNoun;
  /** "My overdue updates": the asker's own items, whoever asks; other item lists are the scope's. */
  ownItems: boolean;
}

/** The items of the Code's later duties, as people name them in a list. */
const LATER_DUTY_ITEMS = '(?:key )?decision updates|referrals|(?:written )?acknowledgements';

const MY_ITEMS = [
  new RegExp(
    String.raw`\bmy (?:own )?(?:(?:overdue|outstanding|open|late|missing|due|current|pending|personal) )*(?:items` +
      `|tasks|actions|jobs|work|list|todo|to do(?: list)?|reminders|digest|cases|crimes|updates` +
      String.raw`|needs assessments?|nas|assessments|victim updates|${LATER_DUTY_ITEMS})\b(?! (?:rate|percent|figures?|compliance` +
      `|performance|score))`,
  ),
  /\bwhat (?:do|should|must) i (?:need to |have to |got to )?(?:do|action|chase|sort(?: out)?)\b/,
  /\bwhat (?:have|has|did) i (?:got |have )?(?:overdue|outstanding|to do|left to do)\b/,
  /\bwhat i (?:have )?(?:overdue|outstanding)\b/,
  /\b(?:anything|what is|what) (?:overdue|outstanding|due) (?:for|on) me\b/,
  /\bam i (?:behind|overdue)\b/,
  /\b(?:behind|late) (?:on|with) (?:anything|something|stuff|things|any)\b/,
  /\bwhich (?:of )?my (?:victims|cases|crimes)\b/,
  /\bon my plate\b/,
  /\bi (?:still )?(?:need|have|got) to (?:send|do|make|chase|sort)\b/,
  // "Do I have any referrals I haven't done", "anything I should be chasing".
  new RegExp(
    String.raw`\bany (?:${LATER_DUTY_ITEMS}|updates|nas|needs assessments) (?:that )?i ` +
      String.raw`(?:havent|have not|still need to) (?:done|sent|made|do)\b`,
  ),
  /\bi (?:should|need to|must|ought to) (?:be )?chas(?:e|ing)\b/,
  /\bmy (?:stuff|lot to do|workload)\b/,
  /\bi owe\b/,
];

/**
 * Lists of items rather than a rate: "list overdue updates", "show me the overdue victim updates",
 * "which cases are missing a needs assessment", "anything overdue today", "when is my next update due".
 */
const ITEMS = [
  new RegExp(
    String.raw`\b(?:list|show(?: me)?|give me|what are|see)(?: all)?(?: of)?(?: the| my| our)? (?:(?:overdue` +
      '|outstanding|open|late|missing|due|pending|current) )+(?:victim |v )?(?:updates|contacts' +
      String.raw`|needs assessments?|nas|items|tasks|actions|cases|crimes|jobs|victims)\b`,
  ),
  /\bwhich (?:cases|victims|crimes|jobs)(?: are| have| need| still)?\b/,
  /\bwhat (?:is )?(?:overdue|outstanding|due)\b/,
  // "do i have any referrals outstanding", "any decision updates due": the items, the state said after them.
  new RegExp(
    String.raw`\b(?:(?:do|have) (?:i|we) (?:got |have )?)?any (?:victim )?(?:updates|needs assessments?|nas|items|contacts` +
      String.raw`|${LATER_DUTY_ITEMS}) (?:still )?(?:due|overdue|outstanding|missing|late)\b`,
  ),
  /\bwhat (?:updates|contacts|nas|needs assessments|items) (?:do|have) (?:i|we) (?:got |have )?(?:overdue|outstanding|due|missing)\b/,
  /\b(?:any|anything)(?: (?:that is|thats))? (?:overdue|outstanding|due|missing|late)\b/,
  /\bwhat (?:updates|contacts|nas|needs assessments|items) (?:are|is) (?:due|overdue|outstanding)\b/,
  new RegExp(
    String.raw`\b(?:do|have) (?:i|we) (?:got |have )?any (?:(?:overdue|outstanding|missing|late) )+(?:updates` +
      String.raw`|needs assessments?|nas|items|victims|cases)\b`,
  ),
  /\bnext (?:(?:victim|v) )?(?:update|contact|needs assessment|na)s? (?:is )?due\b|\bwhen (?:is )?(?:my|the) next(?: one)?\b/,
  // "which ones", and "items" said alone.
  /\bwhich ones\b|^(?:my )?(?:items|tasks|actions|reminders)$/,
  /\bdue soon\b|\bneeds? doing\b|\b(?:to do|todo) list\b/,
  // "anything about to go overdue", "going overdue soon", "nearly late": the items due soon.
  new RegExp(
    String.raw`\b(?:(?:about to|going to|set to) (?:go |be |become )?|going |nearly |almost |close to (?:going )?)(?:overdue|late)\b` +
      String.raw`(?: soon)?|\b(?:overdue|late) soon\b`,
  ),
  /\bcoming (?:up )?(?:due|up)\b(?: (?:soon|in the next (?:couple of |few )?days))?/,
  /\bdue (?:in |over |within )?the next (?:couple of |few )?(?:days|2 days|3 days|two days|three days)\b/,
  new RegExp(
    String.raw`\bwhich (?:nas|updates|needs assessments|items|contacts|${LATER_DUTY_ITEMS})\b` +
      '(?= (?:are|is) (?:still )?(?:overdue|outstanding|open|due|missing|late))',
  ),
  /\bwhich (?:nas|updates|needs assessments|items|contacts)\b|\bwhat (?:has|have) \w+ (?:got )?(?:overdue|outstanding|due|to do|left)\b/,
  // "What's Lee Shah got outstanding": the person's items.
  /\bwhat(?: is|s)? (?:\w+ ){1,3}got (?:overdue|outstanding|due|to do|left)\b/,
  /\b(?:overdue|missing|outstanding|late|open)\b.*\blist\b|\blist\b.*\b(?:overdue|missing|outstanding|late|open)\b/,
];
/**
 * "Missing NAs for Okafor", "any NAs outstanding for me": the items themselves, when nothing in the question
 * asks for a figure about them.
 */
const ITEM_PHRASE = new RegExp(
  String.raw`\b(?:overdue|missing|outstanding|late) (?:victim )?(?:updates|nas|needs assessments?|contacts|items|jobs` +
    String.raw`|${LATER_DUTY_ITEMS})\b` +
    String.raw`|\b(?:nas|needs assessments|updates|${LATER_DUTY_ITEMS}) (?:still )?(?:overdue|missing|outstanding)\b` +
    String.raw`|\b(?:open|current|pending|live) (?:items|tasks|actions)\b`,
);
const FIGURE_HINT = new RegExp(
  String.raw`\b(?:rate|percent|complian\w*|figures?|performance|doing|how|score|number|count|trend|compare|versus` +
    String.raw`|best|worst|below|above|under|rank\w*|most|vcop)\b`,
);
/** Items said to be open: what a past day's list needs. */
const OPEN_STATE = /\b(?:overdue|outstanding|missing|due|late|open|items|to do|left)\b/;
/** "How many victims are waiting on an update", "number of NAs not done": the count leads the answer. */
const COUNT = /\bhow many\b|\bnumber of\b|\bcount of\b|\bhow much\b|\btotal (?:number|count)\b/;
/** Items as a noun of their own, and the asker's own: "how many items have I got". */
const ITEMS_NOUN = /\b(?:items|tasks|actions)\b/;
const MY_WORDS = /\b(?:i|me|my|mine)\b/;
/** "Bottom 5 teams", "top three officers": a ranking cut to its first N rows. */
const TOP_N = /\b(?:top|bottom|best|worst|lowest|highest) (\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\b/;
const TOP_N_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** "How many promises did we miss", "planned dates kept": acknowledgements with a planned date (issue 17). */
const PROMISES = new RegExp(
  String.raw`\bpromised (?:dates?|by)\b|\b(?:keep|keeping|kept) (?:my |our |the |their )?promis\w*` +
    String.raw`|\b(?:still )?open promis\w*|\bpromis\w*(?: \w+){0,3} (?:still )?(?:open|kept|keep|missed|miss|broken|break|broke)\b` +
    String.raw`|\bpromis\w*(?: (?:kept|missed|broken|open|made)(?:,? (?:and |or )?(?:kept|missed|broken|open` +
    String.raw`|made))*)?|\bplanned dates?\b|\bplanned by\b|\bcommitments?\b`,
);

/** "Which of my teams slipped since September", "who has improved": a list filtered by the change over the period. */
const WENT_DOWN =
  /\b(?:slipped|dropped|dipped|fallen|fell|gone down|went down|got worse|gotten worse|worsened|declined|deteriorated|gone backwards)\b/;
const WENT_UP = /\b(?:improved|gone up|went up|got better|gotten better|risen|rose|increased)\b/;
const WHICH_OF = /\b(?:which|who|whose|any)\b/;

/** "Show me the amber ones", "which teams are red": RAG words as a filter (never after a rank: "PC Green"). */
const RAG = new RegExp(
  String.raw`\b(?<!\b(?:pc|dc|ds|di|pcso|sergeant|inspector|mr|mrs|ms|officer) )(red|amber|green)(?: (?:ones?` +
    String.raw`|teams?|units?|officers?|commands?|lpas?|rated|status))?\b`,
);

const TREND = new RegExp(
  String.raw`\btrend\w*|\bover time\b|\bmonth (?:by|on) month\b|\bmonthly\b|\bhistory\b|\bprogress(?:ion)?\b` +
    String.raw`|\bchart\b|\bgraph\b|\bimprov(?:ing|ed|ement)\b|\bchanged?\b|\b(?:moved|shifted)\b` +
    String.raw`|\bgetting (?:any )?(?:better|worse)(?: or (?:better|worse))?\b` +
    String.raw`|\bheading (?:in )?the (?:right|wrong) (?:direction|way)(?: or not)?\b` +
    String.raw`|\b(?:gone|going|gone up or|went) (?:up|down)\b|\bup or down\b|\b(?:risen|fallen|dropped|slipped)\b`,
);
/** Words that ask for the month-by-month series itself, not only for the change. */
const EXPLICIT_TREND = /\bup or down\b|\btrend\w*|\bover time\b|\bmonth (?:by|on) month\b|\bmonthly\b|\bhistory\b|\bchart\b|\bgraph\b/;
const MOST = new RegExp(
  String.raw`\bmost\b(?! compliant)|\b(?:highest|greatest|biggest|largest) (?:number|count|amount) of\b` +
    String.raw`|\bbiggest backlog\b|\bfurthest behind\b|\bmore overdue\b`,
);
const MOST_SUBJECT = new RegExp(
  String.raw`\boverdue\b|\bmissing\b|\boutstanding\b|\blate\b|\bbreach\w*|\bbehind\b|\bbacklog\b|\bunassessed\b` +
    String.raw`|\bnot (?:been )?assessed\b|\bv?nas?\b|\bneeds assess\w*|\bassessments\b|\bupdates\b`,
);
const NEEDS_ASSESSMENT_SUBJECT = /\bmissing\b|\bunassessed\b|\bnot (?:been )?assessed\b|\bv?nas?\b|\bneeds assess\w*|\bassessments?\b/;
const UPDATE_SUBJECT = /\bupdat\w*|\bcontact\w*|\boverdue\b|\blate\b/;
const BELOW = new RegExp(
  String.raw`\b(?:below|under|beneath|less than|lower than|short of|not (?:meeting|hitting|making|reaching|on)` +
    `|(?:missing|failing|missed|failed|off)|falling short of|fall short of)( (?:the |our |their |its |a ` +
    String.raw`|force )?(?:target|goal|standard)(?: of)?)?(?: (\d{1,3}(?:\.\d+)?)(?: percent)?)?\b`,
);
/** "Furthest below target", "most off target": the one furthest from it. */
const FURTHEST = /\b(?:furthest|farthest|most) (?:below|off|from|short of|behind) (?:the |our )?target\b/;
/** Words that mean "below target" on their own. */
const FAILING = /\b(?:failing|off target|under target|missing target|not on target)\b/;
const ABOVE = /\b(?:above|over|more than|higher than|exceeding|beating) (?:the |our )?(?:target|\d{1,3}(?:\.\d+)? percent)\b/;
// "On top of them" keeps up with the work; it is not the top of a list.
const BEST =
  /\bbest(?: first| to worst)?\b|\b(?<!\bon )top\b|\bhighest\b|\bstrongest\b|\bleading\b|\bmost compliant\b|\bgreatest\b|\bleague table\b/;
const RANKED = /\brank(?:ed|ing|ings)?\b/;
const WORST = new RegExp(
  String.raw`\b(?<!best to )worst(?: first| to best)?\b|\bworse\b|\blowest\b|\bbottom\b|\bweakest\b|\bpoorest\b` +
    String.raw`|\bleast compliant\b|\bstruggling\b` +
    String.raw`|\bdoing badly\b|\bunder ?performing\b|\bneeds? (?:the )?most help\b|\blagging\b` +
    String.raw`|\b(?:dragging|letting) (?:us |them |the force |the side |everyone )?down\b|\bholding (?:us |the force )?back\b`,
);
const COMPARE = new RegExp(
  String.raw`\bcompar\w*|\bbreakdown\b|\bbreak (?:it |that |this )?down\b|\bsplit (?:by|into)\b` +
    String.raw`|\bby (?:team|officer|oic|command|lpa|department|unit)\b` +
    String.raw`|\b(?:each|every|per) (?:team|officer|oic|command|lpa|department|unit)\b` +
    String.raw`|\ball (?:the |my |our )?(?:teams|officers|commands|lpas|departments|units)\b|\bteam by team\b` +
    String.raw`|\bside by side\b|\bdrill(?: down)?\b|\bversus\b|\bagainst each other\b|\blist\b`,
);
const CHILD_NOUNS: { noun: Exclude<ListNoun, null>; pattern: RegExp }[] = [
  { noun: 'officers', pattern: /\b(?:who|whom|whose|officers?|oics?|people|staff|pcs|dcs|colleagues|individuals)\b/ },
  {
    noun: 'commands',
    pattern: new RegExp(
      String.raw`\b(?:commands|lpas|departments|areas|districts|which (?:command|lpa|department|area)|(?:best|worst` +
        `|lowest|highest|top|bottom|weakest|strongest)(?: performing| scoring)? (?:command|lpa|department` +
        String.raw`|area))\b`,
    ),
  },
  { noun: 'teams', pattern: /\bteams?\b/ },
];
const PLURAL_CHILDREN = /\b(?:teams|officers|oics|commands|lpas|departments)\b/;

export interface IntentClues {
  metric: Metric | null;
  /** The question names a period before this week (or a day before today): a list of open items cannot answer it. */
  pastPeriod: boolean;
  /** ...unless it is one past day ("yesterday", "on Tuesday"): the items then are those open at its end. */
  pastDay?: boolean;
  /** "over the last 6 months" */
  trendMonths: number | null;
  /** Months a trend covers when the question gives none ("trend since June"). */
  defaultTrendMonths: number;
  /** "this month compared with last month": the previous period, which every figure answer carries. */
  comparesPeriods: boolean;
  /** The period is "since <a day or month>": its answer is the figure then and now. */
  sincePeriod?: boolean;
}

export function readIntent(text: string, clues: IntentClues): IntentReading {
  const { metric, trendMonths, defaultTrendMonths, comparesPeriods } = clues;
  const listNoun = listNounOf(text);
  const reading = (intent: Intent, ownItems = false): IntentReading => ({ intent, explicit: true, listNoun, ownItems });

  if (PROMISES.test(text)) return reading({ kind: 'promises' });
  if (trendMonths !== null) return reading({ kind: 'trend', months: trendMonths });
  const changed = WENT_DOWN.test(text) ? 'down' : WENT_UP.test(text) ? 'up' : null;
  if (changed !== null && (WHICH_OF.test(text) || PLURAL_CHILDREN.test(text)))
    return reading({ kind: 'compare_children', change: changed });
  // "Has it improved since 1 Sept": the figure then and now (a since-period's answer), unless a trend is asked for.
  // "Are we improving? compared to last month": the figure beside last month, which every figure answer carries.
  const changeOverPeriod = clues.sincePeriod === true || comparesPeriods;
  if (TREND.test(text) && !(changeOverPeriod && !EXPLICIT_TREND.test(text))) return reading({ kind: 'trend', months: defaultTrendMonths });
  if (TREND.test(text)) return reading({ kind: 'figure' });
  // Open items are now, or at the end of a past day: "my updates since 1 Nov" asks for the figure over that period.
  // A past day lists items only when it says they were open then ("what did I have outstanding yesterday"):
  // "my updates yesterday" is the figure at its end.
  const itemsThen = !clues.pastPeriod || (clues.pastDay === true && OPEN_STATE.test(text));
  if (itemsThen && MY_ITEMS.some((pattern) => pattern.test(text))) return reading({ kind: 'my_items' }, true);
  // "How many items have I got overdue": the items card leads with their counts.
  if (COUNT.test(text) && ITEMS_NOUN.test(text)) return reading({ kind: 'my_items' }, MY_WORDS.test(text));
  if (COUNT.test(text) && !MOST.test(text)) return reading({ kind: 'figure', count: true });
  if (itemsThen && ITEMS.some((pattern) => pattern.test(text))) return reading({ kind: 'my_items' });
  if (itemsThen && ITEM_PHRASE.test(text) && !FIGURE_HINT.test(text)) return reading({ kind: 'my_items' });
  // "The most overdue referrals": the later duties have no "most" list of their own, so the worst on that duty.
  if (MOST.test(text) && metric !== null && isDutyMetric(metric)) return reading({ kind: 'rank', order: 'worst' });
  if (MOST.test(text) && MOST_SUBJECT.test(text)) {
    const needsAssessments =
      metric === 'needs_assessment' || (metric !== 'updates' && NEEDS_ASSESSMENT_SUBJECT.test(text) && !UPDATE_SUBJECT.test(text));
    return reading({ kind: 'most', of: needsAssessments ? 'missing_needs_assessments' : 'overdue_updates' });
  }
  // "Furthest below target": the one worst, not every team below it.
  if (FURTHEST.test(text)) return reading({ kind: 'rank', order: 'worst', limit: 1 });
  if (FAILING.test(text)) return reading({ kind: 'below_target', threshold: null });
  const below = BELOW.exec(text);
  if (below && (below[1] !== undefined || below[2] !== undefined)) {
    const threshold = below[2] === undefined ? null : Number(below[2]);
    if (threshold === null || (threshold > 0 && threshold <= 100)) return reading({ kind: 'below_target', threshold });
  }
  const top = TOP_N.exec(text);
  const limit = top ? { limit: TOP_N_WORDS[top[1]!] ?? Number(top[1]) } : {};
  const rag = RAG.exec(text);
  if (rag) return reading({ kind: 'compare_children', rag: rag[1]!.toUpperCase() as 'RED' | 'AMBER' | 'GREEN' });
  if (WORST.test(text)) return reading({ kind: 'rank', order: 'worst', ...limit });
  if (BEST.test(text) || RANKED.test(text)) return reading({ kind: 'rank', order: 'best', ...limit });
  // "Above target" has no list of its own: the children's list shows every rate against the target.
  // "Is Dan Moss's team above target": a yes or no about one unit, its figure.
  const aboutOne = /^(?:is|are|am) /.test(text) && !PLURAL_CHILDREN.test(text);
  if ((COMPARE.test(text) && !comparesPeriods) || (ABOVE.test(text) && !aboutOne) || PLURAL_CHILDREN.test(text))
    return reading({ kind: 'compare_children' });
  return { intent: { kind: 'figure' }, explicit: false, listNoun, ownItems: false };
}

function listNounOf(text: string): ListNoun {
  for (const { noun, pattern } of CHILD_NOUNS) if (pattern.test(text)) return noun;
  return null;
}

/** Every pattern this reader listens for, so the words they match count as read (unread-words.ts). */
export const INTENT_PATTERNS: readonly RegExp[] = [
  ...MY_ITEMS,
  ...ITEMS,
  ITEM_PHRASE,
  COUNT,
  ITEMS_NOUN,
  TOP_N,
  RAG,
  PROMISES,
  WENT_DOWN,
  WENT_UP,
  TREND,
  MOST,
  MOST_SUBJECT,
  BELOW,
  FURTHEST,
  FAILING,
  ABOVE,
  BEST,
  RANKED,
  WORST,
  COMPARE,
  ...CHILD_NOUNS.map(({ pattern }) => pattern),
  PLURAL_CHILDREN,
];
