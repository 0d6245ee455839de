import type { ApiDeps } from '../api-deps.js';
import { HttpError } from '../../http/http-error.js';
import type { Route } from '../../http/route.js';
import { requestLog } from '../../http/request-log.js';
import { importBody, tooLarge } from '../import-body.js';

const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines']);

/**
 * `POST /v1/records`: an NDJSON extract from the records system, streamed (never one big string).
 * All or nothing: 200 with counts by type, or 422 naming every bad line and having written nothing.
 * The store is not held while the body arrives (see import-records.ts); a client that stops sending is
 * answered 408 after VCOP_IMPORT_IDLE_SECONDS.
 */
export function postRecordsRoute(deps: ApiDeps): Route {
  return {
    method: 'post',
    path: '/v1/records',
    protected: true,
    async handle(req, res) {
      const mediaType =
        String(req.headers['content-type'] ?? '')
          .split(';')[0]
          ?.trim()
          .toLowerCase() ?? '';
      if (!NDJSON_TYPES.has(mediaType)) {
        throw new HttpError(
          415,
          'unsupported_media_type',
          `Send the records as NDJSON with "Content-Type: application/x-ndjson" (got '${mediaType || 'none'}').`,
        );
      }
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > deps.maxImportBytes) {
        throw tooLarge(deps.maxImportBytes);
      }
      const log = requestLog(req);
      const body = await importBody(req, { maxBytes: deps.maxImportBytes, idleMs: deps.importIdleMs });
      const result = await deps.importRecords(body, (lines) => {
        if (lines % 500_000 === 0) log.info({ lines }, 'import progress');
      });
      if (!result.ok) {
        log.warn({ lines: result.lines, errorCount: result.errorCount }, 'import rejected');
        res.send(422, {
          error: {
            code: 'invalid_records',
            message:
              `${result.errorCount} of ${result.lines} lines are invalid; nothing was imported. Fix the lines ` +
              `listed and send the file again.`,
            errorCount: result.errorCount,
            errors: result.errors,
          },
        });
        return;
      }
      if (Object.values(result.counts).every((count) => count === 0)) {
        throw new HttpError(400, 'empty_body', 'The body has no records, only blank lines: send one record per line (records-format.md).');
      }
      log.info({ lines: result.lines, counts: result.counts, conflicts: result.conflicts.length }, 'import committed');
      res.send(200, { imported: result.counts, lines: result.lines, conflicts: result.conflicts });
    },
  };
}
