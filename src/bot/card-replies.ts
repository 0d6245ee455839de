import { ActivityTypes, CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from './cards/index.js';

export function cardMessage(card: object): Partial<Activity> {
  return { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] };
}

export async function sendCard(context: TurnContext, card: AdaptiveCard | object): Promise<void> {
  await context.sendActivity(cardMessage(card));
}

/**
 * Answers an `adaptiveCard/action` invoke with a card, as the Universal Actions contract says: Teams
 * replaces the card the person pressed with this one.
 */
export async function answerInvokeWithCard(context: TurnContext, card: object): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
  });
}
