import type { QuestionButton } from './adaptive-card.js';

/** Teams shows at most six card-level buttons; more would be cut off by the client anyway. */
export const MAX_CARD_BUTTONS = 5;

/** Template view of buttons that re-ask a question (Action.Execute verb `askQuestion`). */
export function questionButtonViews(
  buttons: readonly QuestionButton[],
  max = MAX_CARD_BUTTONS,
): { title: string; data: { question: QuestionButton['question'] } }[] {
  return buttons.slice(0, max).map((button) => ({ title: button.title, data: { question: button.question } }));
}
