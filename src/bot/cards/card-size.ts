/**
 * Teams refuses a message over about 28 KB, and the activity around the card needs room too, so a
 * card is kept under a budget a little below the limit.
 */
export const TEAMS_MESSAGE_LIMIT_BYTES = 28 * 1024;
export const CARD_BUDGET_BYTES = 26 * 1024;

export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/**
 * The largest `count` (from `wanted` down to 0) whose card fits the budget. Cards grow with the number
 * of rows they show, so a binary search finds it in a few renders even for long lists.
 */
export function fitRowCount<T>(wanted: number, render: (count: number) => T, budget = CARD_BUDGET_BYTES): { card: T; count: number } {
  const full = render(wanted);
  if (cardBytes(full) <= budget) return { card: full, count: wanted };
  let low = 0;
  let high = wanted - 1;
  let best: { card: T; count: number } | undefined;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const card = render(middle);
    if (cardBytes(card) <= budget) {
      best = { card, count: middle };
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (!best) throw new Error(`The card is over ${budget} bytes even with no rows: shorten its fixed texts`);
  return best;
}
