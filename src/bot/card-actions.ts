import type { TurnContext } from 'botbuilder';
import type { Person } from '../domain/types.js';
import { acknowledgeItem } from '../service/acknowledge-item.js';
import { reassignItem } from '../service/reassign-item.js';
import { readAcknowledgeAction, readPageAction, readReassignAction, renderRefusalCard } from './cards/index.js';
import { reassignedToYouText } from './message-texts.js';
import type { BotDeps } from './bot-deps.js';
import { defaultViewFor, digestCardFor, viewCardFor } from './digest-replies.js';
import { parseDigestId, type DigestView } from './digest-id.js';
import { updateSharedMessage } from './shared-message.js';

/**
 * The digest card's buttons (Action.Execute). Each maps the button to a use case and the outcome to the
 * card that replaces the one pressed. The person acting is the stored person behind `from.aadObjectId`:
 * what the button sends only says which item and which view, never who may do what.
 */

const UNKNOWN_ITEM = {
  title: "I can't find that item",
  reason: 'That button does not belong to any card I sent, so nothing was changed.',
  hint: 'Say "digest" for the latest digest and use its buttons.',
};

export async function acknowledgeAction(deps: BotDeps, context: TurnContext, actor: Person, data: unknown): Promise<object> {
  const action = readAcknowledgeAction(data);
  if (!action.ok) return renderRefusalCard({ title: "I couldn't do that", reason: action.problem });
  const log = deps.services.logger.child({ actorId: actor.id, itemRef: action.value.itemRef, verb: 'acknowledgeItem' });
  const result = await acknowledgeItem(deps.services, {
    actor,
    itemRef: action.value.itemRef,
    ...(action.value.note ? { note: action.value.note } : {}),
    ...(action.value.plannedOn ? { plannedOn: action.value.plannedOn } : {}),
    at: deps.services.clock.now(),
  });
  const view = viewOf(action.value.digestId, actor);
  switch (result.kind) {
    case 'unknown_item':
      log.warn('acknowledge refused: item ref not on any card built here');
      return renderRefusalCard(UNKNOWN_ITEM);
    case 'refused':
      log.info("acknowledge refused: outside the actor's scope");
      return renderRefusalCard({ title: "You can't acknowledge this item", reason: result.reason });
    case 'bad_planned_date':
      log.info('acknowledge refused: the planned date is outside what the policy allows');
      return renderRefusalCard({
        title: "I can't take that planned date",
        reason: result.reason,
        hint: 'Nothing was recorded. Say "digest" for the card and acknowledge the item again.',
      });
    case 'gone':
      log.info('acknowledge on a stale card: answered with the current digest');
      return digestCardFor(deps, actor, view);
    case 'acknowledged': {
      const options = { focusItemRef: action.value.itemRef };
      const presser = await viewCardFor(deps, actor, view, options);
      if (result.firstTime) {
        log.info('item acknowledged');
        await updateSharedMessage(deps, context, presser, view, options);
      }
      return presser.card;
    }
  }
}

export async function reassignAction(deps: BotDeps, context: TurnContext, actor: Person, data: unknown): Promise<object> {
  const action = readReassignAction(data);
  if (!action.ok) return renderRefusalCard({ title: "I couldn't do that", reason: action.problem });
  const log = deps.services.logger.child({ actorId: actor.id, itemRef: action.value.itemRef, verb: 'reassignItem' });
  const result = await reassignItem(deps.services, {
    actor,
    itemRef: action.value.itemRef,
    toOfficerId: action.value.toOfficerId,
    reason: action.value.reason,
    at: deps.services.clock.now(),
  });
  const view = viewOf(action.value.digestId, actor);
  switch (result.kind) {
    case 'unknown_item':
      log.warn('reassign refused: item ref not on any card built here');
      return renderRefusalCard(UNKNOWN_ITEM);
    case 'refused':
      log.info("reassign refused: outside the actor's scope");
      return renderRefusalCard({ title: "You can't reassign this case", reason: result.reason });
    case 'stale':
      log.info('reassign on a stale card: answered with the current digest');
      return digestCardFor(deps, actor, view);
    case 'reassigned': {
      log.info({ changeId: result.change.id, toOicId: result.newOfficer.id }, 'case reassigned');
      deps.notifyPerson(
        result.newOfficer.id,
        reassignedToYouText({ actorName: actor.name, caseId: result.caseId, category: result.category, reason: action.value.reason }),
      );
      const presser = await viewCardFor(deps, actor, view);
      await updateSharedMessage(deps, context, presser, view);
      return presser.card;
    }
  }
}

/** "Show more" and the Universal Actions refresh: the same view, rebuilt now for whoever asks. */
export async function pageAction(deps: BotDeps, actor: Person, data: unknown): Promise<object> {
  const action = readPageAction(data);
  if (!action.ok) return renderRefusalCard({ title: "I couldn't do that", reason: action.problem });
  return digestCardFor(deps, actor, viewOf(action.value.digestId, actor), { offset: action.value.offset });
}

/** The button's view when it names one; otherwise the person's own default digest. */
function viewOf(digestId: string | undefined, actor: Person): DigestView {
  return parseDigestId(digestId) ?? defaultViewFor(actor);
}
