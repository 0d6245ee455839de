import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger<never, boolean>;

/**
 * JSON logs for the force's log platform. Redaction is a second line of defence: the code logs ids,
 * never personal data, but a token or password that slips into a logged object is still masked.
 */
export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'vcop-teams-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
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
        ],
        censor: '[redacted]',
      },
    },
    options.destination,
  );
}
