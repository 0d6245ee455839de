import { parseMonthParam } from '../domain/periods.js';
import type { Person } from '../domain/types.js';
import { currentDipPeriod, dipSampleForPerson, type DipSampleResult } from '../service/dip-sample.js';
import { openDipAudit, saveDipAudit, type DipAuditResult } from '../service/dip-audit.js';
import {
  CARD_BUDGET_BYTES,
  cardBytes,
  readDipAuditAction,
  readDipSampleAction,
  renderDipAuditCard,
  renderDipSampleCard,
  renderRefusalCard,
} from './cards/index.js';
import type { BotDeps } from './bot-deps.js';
import { dipAuditCardData, dipSampleCardData, monthLabel } from './dip-card-data.js';

/**
 * "dip sample" in chat and the dip-sample cards' buttons (issue 16). Each maps to a use case and its
 * outcome to a card; who may see or answer is decided on the server from the stored person.
 */

const NOT_IN_SAMPLE = {
  title: "I can't find that case in a sample",
  reason: 'That button does not belong to any dip sample drawn here, so nothing was changed.',
  hint: 'Say "dip sample" for your sample and open the case from it.',
};

/** `dip sample` (this month once drawn) or `dip sample 2026-10`. */
export async function dipSampleCardFor(deps: BotDeps, actor: Person, given: string | null, unitId?: string): Promise<object> {
  if (given !== null && !parseMonthParam(given)) {
    return renderRefusalCard({
      title: "I didn't understand that month",
      reason: `'${given.slice(0, 20)}' is not a month.`,
      hint: 'Say "dip sample" for this month, or give the month as YYYY-MM, e.g. "dip sample 2026-10".',
    });
  }
  const { services } = deps;
  const period = given ?? currentDipPeriod(services);
  const result = await dipSampleForPerson(services, actor, unitId, period);
  switch (result.kind) {
    case 'refused':
      return renderRefusalCard({ title: "You can't see this dip sample", reason: result.reason });
    case 'unknown_unit':
      return renderRefusalCard({ title: "I can't find that unit", reason: 'The unit is no longer in the records.' });
    case 'not_drawn_yet':
      return renderRefusalCard({
        title: `${monthLabel(period)}'s sample is not drawn yet`,
        reason: `It is drawn on the month's draw day, ${result.drawOn}.`,
        hint: 'Say "dip sample" for the latest one.',
      });
    case 'below_level':
      return renderRefusalCard({
        title: 'Dip samples are drawn higher up',
        reason: `Samples are drawn per ${result.level}${result.sampledUnit ? `: this one is part of ${result.sampledUnit.name}'s` : ''}.`,
      });
    case 'sample':
      return sampleCard(deps, result);
  }
}

/** Every team's cases when they fit one card (Teams refuses a message over about 28 KB), else the unit's units. */
async function sampleCard(deps: BotDeps, result: Extract<DipSampleResult, { kind: 'sample' }>): Promise<object> {
  const units = await deps.services.queries.listUnits();
  const questions = result.samples[0]?.questions.length ?? deps.services.policy.dipQuestions.length;
  const full = renderDipSampleCard(dipSampleCardData(result, units, questions, false));
  return cardBytes(full) <= CARD_BUDGET_BYTES ? full : renderDipSampleCard(dipSampleCardData(result, units, questions, true));
}

/** Verb `openDipSample`: a unit's sample (the back button, or a unit of a senior lead's force). */
export async function openDipSampleAction(deps: BotDeps, actor: Person, data: unknown): Promise<object> {
  const action = readDipSampleAction(data);
  if (!action.ok) return renderRefusalCard({ title: "I couldn't do that", reason: action.problem });
  return dipSampleCardFor(deps, actor, action.value.period, action.value.unitId);
}

/** Verb `openDipAudit`: the questionnaire of one sampled case. */
export async function openDipAuditAction(deps: BotDeps, actor: Person, data: unknown): Promise<object> {
  const action = readDipAuditAction(data);
  if (!action.ok) return renderRefusalCard({ title: "I couldn't do that", reason: action.problem });
  const log = deps.services.logger.child({ actorId: actor.id, caseId: action.value.ref.caseId, verb: 'openDipAudit' });
  const result = await openDipAudit(deps.services, actor, action.value.ref, deps.services.clock.now());
  return auditCard(deps, result, log);
}

/** Verb `saveDipAudit`: saves the answers (and with `submit`, submits the audit). */
export async function saveDipAuditAction(deps: BotDeps, actor: Person, data: unknown): Promise<object> {
  const action = readDipAuditAction(data);
  if (!action.ok) return renderRefusalCard({ title: "I couldn't save that", reason: action.problem });
  const log = deps.services.logger.child({ actorId: actor.id, caseId: action.value.ref.caseId, verb: 'saveDipAudit' });
  const result = await saveDipAudit(deps.services, actor, { ...action.value, at: deps.services.clock.now() });
  return auditCard(deps, result, log);
}

function auditCard(deps: BotDeps, result: DipAuditResult, log: BotDeps['services']['logger']): object {
  const card = (view: Parameters<typeof dipAuditCardData>[0], notice?: Parameters<typeof dipAuditCardData>[1]) =>
    renderDipAuditCard(dipAuditCardData(view, notice, deps.services.policy.timeZone, deps.services.config.caseUrlTemplate));
  switch (result.kind) {
    case 'not_in_sample':
      log.warn('dip audit refused: the case is in no stored sample');
      return renderRefusalCard(NOT_IN_SAMPLE);
    case 'refused':
      log.info("dip audit refused: outside the actor's scope");
      return renderRefusalCard({ title: "You can't audit this case", reason: result.reason });
    case 'bad_answers':
      return renderRefusalCard({ title: "I couldn't save that", reason: result.problem, hint: 'Nothing was saved. Open the case again.' });
    case 'audit':
      return card(result.view);
    case 'saved':
      log.info({ changed: result.changed.length }, 'dip audit answers saved');
      return card(result.view, {
        text:
          result.changed.length === 0 ? 'Nothing had changed since the last save.' : 'Saved. You can change the answers until you submit.',
        tone: 'good',
      });
    case 'submitted':
      log.info('dip audit submitted');
      return card(result.view, { text: 'Audit submitted. Thank you.', tone: 'good' });
    case 'incomplete':
      return card(result.view, {
        text:
          `Saved, not submitted: ${result.missing.length === 1 ? 'a question is' : `${result.missing.length} questions are`} ` +
          `still unanswered (${questionNumbers(result)}).`,
        tone: 'warning',
      });
    case 'already_submitted':
      log.info('dip audit save refused: already submitted');
      return card(result.view, { text: 'This audit was submitted already: nothing was changed.', tone: 'warning' });
  }
}

/** "3 and 5": the numbers the card shows the unanswered questions by. */
function questionNumbers(result: Extract<DipAuditResult, { kind: 'incomplete' }>): string {
  const numbers = result.missing.map((q) => String(result.view.case.questions.findIndex((all) => all.id === q.id) + 1));
  return numbers.length === 1 ? `question ${numbers[0]}` : `questions ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}
