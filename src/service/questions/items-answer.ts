import { isBreachKind } from '../../domain/digest.js';
import type { Policy } from '../../domain/policy.js';
import { isDutyMetric, type Metric } from '../../domain/questions/index.js';
import type { DigestOptions, Person, UnitDigest } from '../../domain/types.js';
import { dateLabel, withNote } from '../../domain/wording.js';
import { itemsNotShownText, officerItemsAsSeen, type OfficerCases, type OfficerQueries } from '../officer-view.js';
import type { BareAnswer } from './answer-types.js';
import { DUTY_OF_METRIC } from './figure-lines.js';
import type { Target } from './scope-checks.js';

/**
 * "My overdue updates": the items of an officer or a team, shown as their digest card. A question about one
 * of the Code's later duties ("list the overdue referrals") lists that duty's items, whatever the digests list.
 */

export interface ItemsDeps {
  queries: OfficerQueries;
  policy: Pick<Policy, 'timeZone'>;
}

export async function itemsAnswer(
  deps: ItemsDeps,
  asker: Person,
  target: Target,
  cases: OfficerCases,
  forceId: string,
  now: Date,
  metric: Metric = 'overall',
): Promise<BareAnswer<'items'>> {
  // Items are what is overdue or due at `now`: the present, or the end of a past day asked about.
  const atLabel = dateLabel(now, deps.policy.timeZone);
  const duties: DigestOptions = isDutyMetric(metric) ? { duties: [DUTY_OF_METRIC[metric]] } : {};
  switch (target.kind) {
    case 'officer': {
      // Their own: the whole force filtered by OIC (their cases may sit with another team). Someone else's:
      // only those inside the asker's scope, the rest counted.
      const { digest, leftOut } = await officerItemsAsSeen(deps.queries, target.officer.id, now, cases, forceId, duties);
      const whose = target.officer.id === asker.id ? 'Your items' : `${target.officer.name}'s items`;
      const headline = withNote(`${whose}: ${itemCounts(digest)} — at ${atLabel}`, itemsNotShownText(leftOut));
      return { kind: 'items', headline, view: { kind: 'officer', officerId: target.officer.id }, digest, at: now, ...duties };
    }
    case 'unit': {
      const digest = await deps.queries.digest(target.unit.id, now, duties);
      return {
        kind: 'items',
        headline: `${target.unit.name} items: ${itemCounts(digest)} — at ${atLabel}`,
        view: { kind: 'team', unitId: target.unit.id },
        digest,
        at: now,
        ...duties,
      };
    }
  }
}

function itemCounts(digest: UnitDigest): string {
  const breaches = digest.items.filter((item) => isBreachKind(item.kind)).length;
  return `${breaches} overdue, ${digest.items.length - breaches} due soon`;
}
