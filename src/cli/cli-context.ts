import { ConfigError, readConfig, type AppConfig } from '../config/env.js';
import { createServices, type AppServices } from '../app.js';
import { createLogger } from '../log/logger.js';

/**
 * Opens the same store the server uses (VCOP_DATA_DIR or DATABASE_URL), without seeding the demo force:
 * a command acts only on what it is asked to. Logs go to stderr so stdout stays machine-readable.
 */
export async function withServices<T>(use: (services: AppServices) => Promise<T>): Promise<T> {
  let config: AppConfig;
  try {
    config = { ...readConfig(process.env), demo: false };
  } catch (error) {
    // Exit 2, as every command's help says for a configuration error.
    if (error instanceof ConfigError) throw new CliError(error.message, 2);
    throw error;
  }
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr });
  const services = await createServices(config, logger);
  try {
    return await use(services);
  } finally {
    await services.db.close();
  }
}

/** A failure the user can fix: printed without a stack trace, exit code 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
