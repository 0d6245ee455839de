import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { safeError, withSafeErrors } from './safe-error.js';

export type Logger = PinoLogger<never, boolean>;

/**
 * JSON logs for the force's log platform. Errors, under any key, are logged by an allow-list
 * (src/log/safe-error.ts): a database error's statement, parameters and row never reach a log line.
 * Redaction is a second line of defence: the code logs ids, never personal data, but a token, a password
 * or a statement's data that slips into a logged object is still masked.
 */
export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'vcop-teams-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: safeError },
      formatters: { log: withSafeErrors },
      redact: {
        paths: [
          'authorization',
          '*.authorization',
          'req.headers.authorization',
          'headers.authorization',
          'token',
          '*.token',
          'password',
          '*.password',
          'apiToken',
          'databaseUrl',
          'email',
          '*.email',
          // What database drivers attach to their errors: the statement, its parameters, the row, the context.
          ...['query', 'params', 'parameters', 'detail', 'where', 'hint', 'internalQuery'].flatMap((field) => [
            `err.${field}`,
            `*.err.${field}`,
            `err.cause.${field}`,
            `*.err.cause.${field}`,
          ]),
        ],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}
