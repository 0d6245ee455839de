import type { AdaptiveCard } from './adaptive-card.js';
import type { DipCaseButtonRef } from './dip-sample-card.js';
import { expandTemplate } from './expand-template.js';

/** The questionnaire card of one sampled case (issue 16). No victim details: victims are numbered, never named. */
export interface DipAuditCardData {
  ref: DipCaseButtonRef;
  /** e.g. "CR-26-004512 · violence". */
  title: string;
  /** e.g. "North Team 1 · OIC PC 2002 Patel · November 2026 sample". */
  subtitle: string;
  statusText: string;
  status: 'not_started' | 'under_way' | 'submitted';
  /** What just happened (saved, not submitted because...), when something did. */
  notice?: { text: string; tone: 'good' | 'warning' };
  /** e.g. "What the records say, at the draw (Mon 2 Nov 2026)". */
  dataHeading: string;
  victims: { heading: string; facts: { title: string; value: string }[] }[];
  questions: { id: string; text: string; answer: 'yes' | 'no' | 'na' | null; note: string | null }[];
  /** Submitted: answers are shown, not asked. */
  locked: boolean;
  caseUrl?: string;
  footer: string;
}

/** The ids of a question's inputs: what the card sends back, merged into the button's data. */
export function dipInputIds(questionId: string): { answer: string; note: string } {
  return { answer: `dipAnswer.${questionId}`, note: `dipNote.${questionId}` };
}

const ANSWER_TEXT = { yes: 'Yes', no: 'No', na: 'Not applicable' } as const;
const STATUS_COLOR = { not_started: 'Default', under_way: 'Warning', submitted: 'Good' } as const;

export function renderDipAuditCard(data: DipAuditCardData): AdaptiveCard {
  const ref = { ...data.ref };
  return expandTemplate('dip-audit', {
    title: data.title,
    subtitle: data.subtitle,
    statusText: data.statusText,
    statusColor: STATUS_COLOR[data.status],
    hasNotice: data.notice !== undefined,
    notice: data.notice?.text ?? '',
    noticeColor: data.notice?.tone === 'warning' ? 'Attention' : 'Good',
    dataHeading: data.dataHeading,
    hasVictims: data.victims.length > 0,
    victims: data.victims,
    questions: data.questions.map((q, i) => ({
      text: `Q${i + 1}. ${q.text}`,
      answerId: dipInputIds(q.id).answer,
      noteId: dipInputIds(q.id).note,
      answer: q.answer ?? '',
      note: q.note ?? '',
      locked: data.locked,
      answerText: q.answer === null ? 'Not answered' : ANSWER_TEXT[q.answer],
      hasLockedNote: data.locked && q.note !== null,
    })),
    locked: data.locked,
    saveData: { ...ref, submit: false },
    submitData: { ...ref, submit: true },
    hasCaseUrl: data.caseUrl !== undefined,
    caseUrl: data.caseUrl ?? '',
    backData: { unitId: ref.unitId, period: ref.period },
    footer: data.footer,
  });
}
