import { HttpError } from '../http/http-error.js';
import { REPORT_FORMATS, REPORT_MEDIA_TYPES, type ReportFormat } from '../service/report/render-report.js';

/**
 * Which format a report request wants: `?format=json|csv|html` wins; else the `Accept` header, by its
 * q-values (a tie goes to the earlier of JSON, CSV, HTML); no header, or one taking any type, is JSON. A format
 * that is none of them is 400; an `Accept` that allows none of them is 406; each says what to send.
 */
export function reportFormatOf(formatParam: unknown, accept: string | undefined): ReportFormat {
  if (formatParam !== undefined) {
    if (typeof formatParam === 'string' && (REPORT_FORMATS as readonly string[]).includes(formatParam)) return formatParam as ReportFormat;
    throw new HttpError(400, 'bad_format', `format must be one of ${REPORT_FORMATS.join(', ')} (given once), e.g. ?format=csv.`);
  }
  if (accept === undefined || accept.trim() === '') return 'json';
  const ranges = accept
    .split(',')
    .map(parseRange)
    .filter((r) => r !== null);
  let best: { format: ReportFormat; q: number } | null = null;
  for (const format of REPORT_FORMATS) {
    const q = qualityOf(REPORT_MEDIA_TYPES[format], ranges);
    if (q > 0 && (best === null || q > best.q)) best = { format, q };
  }
  if (best) return best.format;
  throw new HttpError(
    406,
    'not_acceptable',
    `The report is served as ${Object.values(REPORT_MEDIA_TYPES).join(', ')}: send one of them in Accept, or give ?format=json|csv|html.`,
  );
}

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseRange(part: string): MediaRange | null {
  const [range = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
  const [type, subtype] = range.split('/');
  if (!type || !subtype) return null;
  const qParam = params.find((p) => p.startsWith('q='));
  const q = qParam === undefined ? 1 : Number(qParam.slice(2));
  return { type, subtype, q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0 };
}

/** The q of the most specific range that matches (RFC 9110, 12.5.1). */
function qualityOf(mediaType: string, ranges: readonly MediaRange[]): number {
  const [type, subtype] = mediaType.split('/') as [string, string];
  const specificity = (r: MediaRange) =>
    r.type === type && r.subtype === subtype ? 3 : r.type === type && r.subtype === '*' ? 2 : r.type === '*' && r.subtype === '*' ? 1 : 0;
  const matching = ranges.filter((r) => specificity(r) > 0).sort((a, b) => specificity(b) - specificity(a));
  return matching[0]?.q ?? 0;
}
