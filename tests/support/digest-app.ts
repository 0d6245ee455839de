/**
 * The application as src/main.ts runs it (configuration from the environment, the bot and its
 * scheduler), except that the scheduler ticks every second instead of every minute, so a test can kill
 * this process in the middle of a digest run and start it again without waiting for the clock.
 */
import { startApp } from '../../src/app.js';
import { createBotExtension } from '../../src/app.js';
import { readConfig } from '../../src/config/env.js';
import { createLogger } from '../../src/log/logger.js';

const config = readConfig(process.env);
const logger = createLogger({ level: config.logLevel });
const app = await startApp(config, logger, [createBotExtension(config, { cronExpression: '* * * * * *' })]);
process.stdout.write(`listening on ${app.port}\n`);
process.once('SIGTERM', () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
