import { HttpError } from '../../http/http-error.js';
import type { Route } from '../../http/route.js';
import { GraphNotConfiguredError, type InstallMissingResult } from '../../service/install-missing-apps.js';

/**
 * `POST /v1/teams/install-missing[?dryRun=1]`: installs the app through Microsoft Graph for supervisors and
 * officers who do not have it (src/service/install-missing-apps.ts) and answers who was tried and how it
 * went; a dry run only lists them, and works without Graph configured.
 */
export function installMissingRoute(run: (dryRun: boolean) => Promise<InstallMissingResult>): Route {
  return {
    method: 'post',
    path: '/v1/teams/install-missing',
    protected: true,
    async handle(req, res) {
      const raw = new URL(req.url ?? '/', 'http://local').searchParams.get('dryRun');
      if (raw !== null && !['1', '0', 'true', 'false'].includes(raw)) {
        throw new HttpError(400, 'invalid_dry_run', `dryRun must be 1 or 0 (or true or false), not '${raw.slice(0, 20)}'`);
      }
      try {
        res.send(200, await run(raw === '1' || raw === 'true'));
      } catch (error) {
        if (error instanceof GraphNotConfiguredError) throw new HttpError(409, 'graph_not_configured', error.message);
        throw error;
      }
    },
  };
}
