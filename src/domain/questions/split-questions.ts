/**
 * Two questions in one message ("how are we doing? and which team is worst"): split where the asker
 * ended one question and began another — a question mark followed by more words, a semicolon, a new
 * line, or "and also" — so each is read and answered on its own, in order. At most `max` parts; any
 * beyond are joined to the last rather than dropped.
 */
const BOUNDARY = /\?+\s+(?=\S)|;\s*|\n+|\s+(?:and also|also,)\s+/i;

export const MAX_QUESTIONS_PER_MESSAGE = 3;

export function splitQuestions(text: string, max = MAX_QUESTIONS_PER_MESSAGE): string[] {
  const parts = text
    .split(BOUNDARY)
    .map((part) => part.replace(/^\s*(?:and|also|then)\s+/i, '').trim())
    .filter((part) => /[a-z0-9]/i.test(part));
  if (parts.length <= max) return parts.length > 0 ? parts : [text];
  return [...parts.slice(0, max - 1), parts.slice(max - 1).join('; ')];
}
