import http from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
let n = 0;
const server = http.createServer((req, res) => {
  let body = ''; req.on('data', (c) => body += c); req.on('end', () => {
    n++;
    console.log(new Date().toISOString(), req.method, req.url, n, Object.keys(req.headers).join(','));
    if (n === 1) { res.writeHead(Number(process.env.S ?? 429), { 'retry-after': '1', 'content-type': 'application/json' }); res.end(JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'nope' } })); return; }
    res.writeHead(201, { 'content-type': 'application/json' }); res.end(JSON.stringify({ id: 'act-' + n }));
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const port = (server.address() as any).port;
const opts = process.env.NORETRY ? { retryOptions: { maxRetries: 0 } } : undefined;
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}, undefined, undefined, undefined, opts as any));
const reference = { serviceUrl: `http://127.0.0.1:${port}/`, channelId: 'msteams', conversation: { id: 'conv-1' }, bot: { id: 'bot' }, user: { id: 'u' } } as any;
try {
  await adapter.continueConversationAsync('', reference, async (ctx) => {
    const r = await ctx.sendActivity({ type: 'message', text: 'hi' });
    console.log('result', r);
  });
} catch (e: any) { console.log('ERR', e.constructor?.name, e.statusCode, e.code, e.message, e.response?.headers?.get?.('retry-after'), typeof e.response?.headers, Object.keys(e)); console.log(e.response?.bodyAsText, e.details) }
server.close();
