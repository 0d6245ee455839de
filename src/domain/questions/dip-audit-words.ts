import type { DipAuditShow, Intent } from './types.js';

/**
 * Questions about the dip-sample audits (issue 16, part 3): "dip sample results for North LPA this quarter",
 * "how many audits are outstanding", "which cases were marked compliant but failed the audit", "% good service
 * in the audits for South Team 1". Read only when the question names the dip sample or an audit, so no other
 * question reads differently; its words count as read only then (parse-question.ts).
 */

/** "dip sample", "dip-sample audits", "the dip", "audits", "audited": the topic itself. */
const DIP_AUDIT = /\bdip(?:[- ]?(?:samples?|sampling|sampled|audits?|checks?))?\b|\baudit(?:s|ed|ing|ors?)?\b/;
/** Cases the records judged fully compliant and the reviewer did not: the box-ticking list. */
const BOX_TICKED = new RegExp(
  String.raw`\bbox[- ]?tick\w*|\b(?:marked|recorded|said|shown|showed|shows|judged|looked|flagged|down) (?:as )?(?:fully )?compliant\b` +
    String.raw`|\bfail(?:ed|s)? (?:the |their |its |on )?(?:dip )?(?:audits?|review|sample)\b|\bdisagree\w*` +
    String.raw`|\bcompliant (?:but|yet) (?:not|failed|wasnt|werent)\b`,
);
/** Drawn but not submitted: "outstanding", "left to do", "still to audit", "not submitted". */
const OUTSTANDING = new RegExp(
  String.raw`\boutstanding\b|\bleft(?: to (?:do|audit|submit|complete))?\b|\b(?:still )?to (?:do|audit|submit|complete)\b` +
    String.raw`|\bnot (?:yet )?(?:submitted|done|finished|completed|audited)\b|\bremaining\b|\bunsubmitted\b|\bpending\b|\bincomplete\b`,
);
/** "% good service": the reviewers' answer to "was the service good?" leads the answer. */
const GOOD_SERVICE = /\bgood service\b|\bservice (?:was |is )?good\b|\bquality of (?:the )?service\b/;
/** The other words a results question uses ("how did the dip sample go", "marked compliant but failed"). */
const RESULT_WORDS = new RegExp(
  String.raw`\bresults?\b|\bhow did\b|\boutcomes?\b|\bfindings\b|\bscores?\b|\bsubmitted\b|\bdrawn\b|\bcode\b|\bcompliant\b` +
    String.raw`|\bmarked\b|\bfailed\b|\bbut\b|\bservice\b|\bhow many\b|\breviewers?\b|\bsampled?\b|\bsamples\b`,
);

/** The dip-audit intent the question asks for, or null when it names neither the dip sample nor an audit. */
export function readDipAudit(text: string): Extract<Intent, { kind: 'dip_audit' }> | null {
  if (!DIP_AUDIT.test(text)) return null;
  const show: DipAuditShow = BOX_TICKED.test(text) ? 'box_ticked' : OUTSTANDING.test(text) ? 'outstanding' : 'results';
  return show === 'results' && GOOD_SERVICE.test(text) ? { kind: 'dip_audit', show, lead: 'good_service' } : { kind: 'dip_audit', show };
}

/** The patterns whose words count as read when the question was read as about the dip-sample audits. */
export const DIP_AUDIT_PATTERNS: readonly RegExp[] = [DIP_AUDIT, BOX_TICKED, OUTSTANDING, GOOD_SERVICE, RESULT_WORDS];
