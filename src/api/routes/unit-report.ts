import { quoted } from '../../domain/quoted-value.js';
import { HttpError } from '../../http/http-error.js';
import type { Route } from '../../http/route.js';
import { buildPerformanceReport } from '../../service/build-performance-report.js';
import { renderReport, reportFileName } from '../../service/report/render-report.js';
import type { BuildReportDeps } from '../../service/build-performance-report.js';
import { reportFormatOf } from '../report-format-param.js';
import { unitIdOf } from './unit-figures.js';

/**
 * `GET /v1/units/{id}/report?period=YYYY-MM[&format=json|csv|html]`: the pack for the performance meeting
 * (src/service/build-performance-report.ts), as JSON, CSV or a printable HTML page, chosen by `format=` or
 * `Accept`. A missing, malformed or future period is 400 and an unknown unit 404, as the figures routes.
 */
export function unitReportRoute(deps: BuildReportDeps): Route {
  return {
    method: 'get',
    path: '/v1/units/:unitId/report',
    protected: true,
    async handle(req, res) {
      const query = (req.query ?? {}) as Record<string, unknown>;
      if (query.at !== undefined) {
        throw new HttpError(400, 'bad_request', 'The report is of a month: give ?period=YYYY-MM (e.g. 2026-10), not ?at=.');
      }
      if (query.period !== undefined && typeof query.period !== 'string') throw new HttpError(400, 'bad_request', 'Give ?period= once.');
      const format = reportFormatOf(query.format, req.header('accept') || undefined);
      const unitId = unitIdOf(req);
      const result = await buildPerformanceReport(deps, { unitId, period: query.period as string | undefined, now: deps.clock.now() });
      switch (result.kind) {
        case 'bad_period':
          throw new HttpError(400, 'bad_period', `period ${result.problem}.`);
        case 'unknown_unit':
          throw new HttpError(404, 'unknown_unit', `No unit with id ${quoted(unitId)}. GET /v1/units lists them.`);
        case 'report': {
          const { contentType, body } = renderReport(result.report, format);
          const disposition = format === 'csv' ? 'attachment' : 'inline';
          res.writeHead(200, {
            'content-type': contentType,
            'content-disposition': `${disposition}; filename="${reportFileName(result.report, format)}"`,
            'cache-control': 'no-store',
            vary: 'Accept',
          });
          res.end(body);
          return;
        }
      }
    },
  };
}
