import type { Ratio } from '../../domain/types.js';
import { dayText, percentText } from '../../domain/wording.js';
import type { ReportDipAudits } from '../report-dip-audits.js';
import { escapeMarkup as e } from './markup.js';

/**
 * The report page's dip-sample line (issue 16): the month's audits of the unit beside the records' own
 * fully-compliant figure for the same cases, and how many of them the records called compliant and the
 * reviewer did not. Counts only: no case is named on the page. Pure.
 */
export function dipAuditsHtml(dip: ReportDipAudits, unitName: string, periodLabel: string): string {
  const lead = `<strong>Dip-sample audits, ${e(periodLabel)}:</strong>`;
  switch (dip.state) {
    case 'below_level':
      return `<p class="dip">${lead} samples are drawn per ${e(dip.level)}${
        dip.sampledUnit ? `; ${e(unitName)}'s is part of ${e(dip.sampledUnit.name)}'s` : ''
      }.</p>`;
    case 'not_drawn_yet':
      return `<p class="dip">${lead} the sample is drawn on ${e(dayText(dip.drawOn))}.</p>`;
    case 'drawn': {
      if (dip.submitted === 0) return `<p class="dip">${lead} ${dip.sampled} cases drawn, no audit submitted yet.</p>`;
      return (
        `<p class="dip">${lead} ${dip.submitted} of ${dip.sampled} drawn cases audited (${dip.outstanding} outstanding). ` +
        `Code compliant (reviewers) ${ratioText(dip.codeCompliant)} · good service ${ratioText(dip.goodService)} · ` +
        `fully compliant by the records, same cases, ${ratioText(dip.dataFullyCompliant)} · ` +
        `records compliant, reviewer not: ${dip.boxTicked}.</p>`
      );
    }
  }
}

function ratioText(ratio: Ratio | null): string {
  if (ratio === null) return 'not asked';
  return ratio.rate === null ? '—' : `${percentText(ratio.rate)} (${ratio.compliant} of ${ratio.total})`;
}
