/**
 * Typo tolerance shared by keyword correction and unit/person matching. Optimal string alignment
 * distance counts a swap of two neighbouring letters ("nroth") as one typo, as people make them.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Whether `typed` is plausibly a mistyped `word`. Short words are where real words collide
 * ("did"/"cid", "terms"/"teams"), so they get less room: under 4 letters never, up to 5 letters only a
 * swapped, missing or extra letter (not a changed one), up to 7 letters one typo, longer words two.
 */
export function isTypoOf(typed: string, word: string): boolean {
  if (typed === word) return true;
  if (typed.length < 4 || word.length < 4) return false;
  if (/\d/.test(typed) || /\d/.test(word)) return false;
  if (Math.abs(typed.length - word.length) > 2) return false;
  const distance = editDistance(typed, word);
  const longest = Math.max(typed.length, word.length);
  if (longest <= 5) return distance === 1 && !isSingleSubstitution(typed, word);
  if (longest <= 7) return distance <= 1;
  return distance <= 2;
}

function isSingleSubstitution(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let differences = 0;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) differences += 1;
  return differences === 1;
}
