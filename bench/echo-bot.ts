/**
 * The chat floor (issue 15): a bare botbuilder echo bot on restify, the same libraries and keep-alive settings
 * as the application's /api/messages, in its own process as the application is (turns.ts starts it). No
 * token check (local mode, as the benchmark runs the application). Listens on PORT; prints "ready" when it does.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const server = restify.createServer({ name: 'echo-floor', handleUncaughtExceptions: false });
server.server.keepAliveTimeout = 75_000;
server.server.headersTimeout = 80_000;
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context) => {
    if (context.activity.type === 'message') await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
