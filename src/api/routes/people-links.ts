import type { Route } from '../../http/route.js';
import type { PeopleLinksReport } from '../../service/people-links-report.js';

/**
 * `GET /v1/people/links`: people in the records with no Teams link yet, Teams users who could not be
 * matched (ids only, with the reason), and who does not receive digests and why (docs/ARCHITECTURE.md).
 */
export function peopleLinksRoute(deps: { peopleLinks(): Promise<PeopleLinksReport> }): Route {
  return {
    method: 'get',
    path: '/v1/people/links',
    protected: true,
    async handle(_req, res) {
      res.send(200, await deps.peopleLinks());
    },
  };
}
