import type { AdaptiveCard } from './adaptive-card.js';
import { capitalise } from './card-text.js';
import { expandTemplate } from './expand-template.js';

/** Confirms "digest at 06:30", "digest off" or "subscribe North Team 3 at 07:30". */
export type SubscriptionConfirmationCardData =
  | {
      active: true;
      /** Whose items: "North Team 3's digest" or "your reminder". */
      subject: string;
      /** e.g. "07:30". */
      timeText: string;
      /** e.g. "in this chat", "in the General channel". */
      whereText: string;
      /** e.g. "Europe/London". */
      timeZone: string;
    }
  | { active: false; subject: string; whereText: string };

const MOST_OVERDUE_FIRST = 'with the items most overdue at the top.';

export function renderSubscriptionConfirmationCard(data: SubscriptionConfirmationCardData): AdaptiveCard {
  if (data.active) {
    return expandTemplate('subscription-confirmation', {
      style: 'good',
      title: `✓ ${capitalise(data.subject)} at ${data.timeText} every day`,
      detail: `You'll get ${data.subject} ${data.whereText} at ${data.timeText} (${data.timeZone}), ${MOST_OVERDUE_FIRST}`,
      howToChange: 'Change the time with "digest at 06:30", or stop it with "digest off".',
    });
  }
  return expandTemplate('subscription-confirmation', {
    style: 'emphasis',
    title: `${capitalise(data.subject)} is off`,
    detail: `You won't get ${data.subject} ${data.whereText} any more. You can still ask for it at any time with "digest".`,
    howToChange: 'Turn it back on with "digest at 07:00".',
  });
}

/** Confirms a change of days, quiet hours, time away or deputy: what now happens, and how to change it. */
export function renderShiftConfirmationCard(data: { title: string; detail: string; howToChange: string }): AdaptiveCard {
  return expandTemplate('subscription-confirmation', { style: 'good', ...data });
}
