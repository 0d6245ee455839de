/**
 * The house's corridors (docs/ARCHITECTURE.md), checked in `npm test` by `npm run check:imports`:
 *   domain <- store <- service <- {api, bot, scheduler} <- app <- main;  cli beside app.
 * config, log and demo sit low: config and demo may use domain; log uses nothing of ours. http holds what the
 * HTTP edges share (a route as a value, HttpError, the request's log): api and bot use it.
 * All botbuilder / teams-ai code lives in src/bot, so a move to the Microsoft 365 Agents SDK is one folder.
 * The tools (bench/, scripts/) are cruised too: they build on src/app.ts and may share tests/support and
 * tests/fixtures (the one fake Bot Connector, the sample cards); src imports none of them.
 * graph is the Microsoft Graph adapter: it implements a service port (ports/app-installer.ts), beside bot.
 */
const layer = (name) => `^src/${name}(/|\\.ts$)`;
const notIn = (...names) => `^src/(?!(${names.join('|')})(/|\\.ts$))`;

/** from -> the folders it may never import. */
const forbidden = [
  ['domain', notIn('domain')],
  ['log', notIn('log')],
  ['http', notIn('http', 'log')],
  ['config', notIn('config', 'domain')],
  ['demo', notIn('demo', 'domain')],
  ['store', notIn('store', 'domain', 'log')],
  ['service', notIn('service', 'store', 'domain', 'log', 'demo')],
  ['api', notIn('api', 'http', 'service', 'store', 'domain', 'log', 'config')],
  ['bot', notIn('bot', 'http', 'service', 'store', 'domain', 'log', 'config')],
  ['graph', notIn('graph', 'service', 'domain', 'log', 'config')],
  ['scheduler', notIn('scheduler', 'service', 'store', 'domain', 'log')],
  ['app', '^src/(cli|main)(/|\\.ts$)'],
  ['cli', '^src/main\\.ts$'],
];

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Two files or folders that import each other cannot be understood or moved one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...forbidden.map(([from, to]) => ({
      name: `inward-only-${from}`,
      comment: `src/${from} imports only what sits below it (docs/ARCHITECTURE.md).`,
      severity: 'error',
      from: { path: layer(from) },
      to: { path: to },
    })),
    {
      name: 'domain-is-pure',
      comment: 'src/domain holds pure rules: no I/O, no frameworks.',
      severity: 'error',
      from: { path: layer('domain') },
      // zod, date-fns and @date-fns/tz are pure; so is node:crypto's hashing (item refs, src/domain/digest.ts).
      to: { dependencyTypes: ['core', 'npm'], pathNot: '(^|/)node_modules/(zod|date-fns|@date-fns/tz)/|^crypto$' },
    },
    {
      name: 'product-stands-alone',
      comment: 'src is the product: it never imports the tests, the benchmark or the tool scripts.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tests|bench|scripts)/' },
    },
    {
      name: 'tools-use-test-support-only',
      comment:
        'bench/ and scripts/ may share the tests\' fakes and data (tests/support, tests/fixtures: one fake Bot Connector), never a test.',
      severity: 'error',
      from: { path: '^(bench|scripts)/' },
      to: { path: '^tests/(?!(support|fixtures)/)' },
    },
    {
      name: 'bot-framework-stays-in-src-bot',
      comment: 'botbuilder and teams-ai are past support: all their code stays in src/bot (docs/MIGRATION.md).',
      severity: 'error',
      from: { path: '^src/', pathNot: layer('bot') },
      to: { path: '(^|/)node_modules/(botbuilder[^/]*|botframework-[^/]*|@microsoft/teams-ai)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: '^src/.*\\.json$' },
  },
};
