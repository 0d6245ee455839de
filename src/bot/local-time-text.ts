/** Kept for src/bot/digest-card-builder.ts: the date and time wording lives in src/domain/wording.ts. */
export { actedAtText, asOfText } from '../domain/wording.js';
