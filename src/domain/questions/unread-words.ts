/**
 * Words of a question that no reader read (issue 12): a word about time, place, person, metric or
 * filter that the parser does not understand must never be dropped silently, so after every reader
 * has run, each word of the question is accounted for. A word is read when a reader's pattern matched
 * it in place, when it is part of a unit or officer name, or when it is one of the everyday words that
 * carry no figure of their own ("please", "show", "the"). Anything else is named back to the asker.
 */

/**
 * Words that say nothing about which figure is asked for: articles, pronouns, the verbs of asking and
 * the small talk around a question. A word that narrows or changes a question ("not", "except",
 * "only", "without", "other", "than", "each") is deliberately absent: unless a reader understood it in
 * place, it is named back rather than ignored.
 */
const EVERYDAY = new Set(
  `
a an the this that these those it its it's there here then
i me my mine myself we us our ours you your yours he him his she her they them their
is are was were be been being am do does did done doing have has had having get gets got getting
can could would should will shall may might must
what whats which who whom whose how hows where when why
to of in on at for from by with about as into onto upon over across within
and or but so also too just now then yet
please pls thanks thank cheers ta ok okay right hi hello hey morning afternoon evening
show give tell let see look know find check pull bring send display view share run
want wanted need needs like love wonder wondering curious interested
quick quickly current currently latest overall
bot mate boss guv sir maam folks all everyone
some any anything something figure figures number numbers rate rates percent percentage stats data info information details
looking going go goes went gone doing faring fare performing perform performed
well good ok much many lot lots
up down whole picture position overview time things stuff
victim victims case cases target targets completion completed due help waiting awaiting
still wants asked asking sarge kept
anyone anybody before briefing meeting pcc review brief
asap urgently slt headline chief says said im ive crack
sorry if daft silly question only back while leave off whether mainly ahead line possible basically
say sensible worried specifically particular particularly couple sure works ask bound actually really honestly
bother maybe explain fine supt super supers superintendent superintendents
again because think thought reckon guess thats etc telling steer thing sent
`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);

export interface Readers {
  /** Patterns of every reader, tried on the text the readers saw; a word inside a match was read. */
  patterns: readonly RegExp[];
  /** Words read wherever they stand: unit and officer names, ranks, unit kind words. */
  nameWords: ReadonlySet<string>;
  /** A word that is a name mistyped ("nroth"): read by the name matchers, which allow for typos. */
  isNameTypo?: (word: string) => boolean;
}

/**
 * The words of `text` (normalised, period phrases already blanked) that no reader read, in order,
 * each once. Numbers count: "bottom 5" with no reader of "bottom N" names the 5.
 */
export function unreadWords(text: string, readers: Readers): string[] {
  const covered = new Array<boolean>(text.length).fill(false);
  for (const pattern of readers.patterns) {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    for (const match of text.matchAll(global)) {
      if (match[0].length === 0) continue;
      for (let i = match.index; i < match.index + match[0].length; i += 1) covered[i] = true;
    }
  }
  const unread: string[] = [];
  for (const token of text.matchAll(/\S+/g)) {
    const word = token[0];
    const inMatch = covered.slice(token.index, token.index + word.length).every(Boolean);
    if (inMatch || EVERYDAY.has(word) || readers.nameWords.has(word) || readers.isNameTypo?.(word)) continue;
    if (!unread.includes(word)) unread.push(word);
  }
  return unread;
}
