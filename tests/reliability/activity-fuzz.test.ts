import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/types.js';
import { Conversation, pickTeam, teamsUserOf, type BotHarness } from '../support/bot-harness.js';
import { startBotApp, type BotApp } from '../support/bot-app.js';

/**
 * Generated bad activities against the whole application in local mode (no token check, so every
 * request reaches the parsing and the turn): arbitrary JSON, valid activities with fields removed,
 * retyped or blown up, unknown types and invoke names, bytes that are not JSON or not UTF-8, and
 * wrong content types. Each must be answered 200 (a reply, or nothing to say) or 4xx, never 5xx,
 * and no turn may fail (nothing logged at error level). Fixed seed; `npm run test:reliability` runs
 * VCOP_FUZZ_RUNS (3,000) cases.
 */
const RUNS = Number(process.env.VCOP_FUZZ_RUNS ?? 300);

let bot: BotApp;
let baseUrl: string;
let serviceUrl: string;
let supervisor: Person;
let errorLogs: string[];

beforeAll(async () => {
  bot = await startBotApp();
  ({ baseUrl, serviceUrl, logLines: errorLogs } = bot);
  ({ supervisor } = await pickTeam({ app: bot.app } as BotHarness));
}, 120_000);

afterAll(async () => {
  await bot?.close();
});

/** Values of every JSON shape, including ones far too big for the field they land in. */
const junk = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 40 }),
    fc.constantFrom(
      '',
      ' ',
      'x'.repeat(25_000),
      '\u0000',
      '<at>VCOP</at>',
      '{"a":1}',
      'file:///etc/passwd',
      'javascript:alert(1)',
      '../../',
      '\ud800',
    ),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  );

const FIELDS = [
  'type',
  'id',
  'name',
  'text',
  'value',
  'from',
  'recipient',
  'conversation',
  'channelData',
  'entities',
  'attachments',
  'replyToId',
  'action',
  'membersAdded',
  'membersRemoved',
  'locale',
  'timestamp',
  'channelId',
  'serviceUrl',
  'textFormat',
  'relatesTo',
] as const;

const NESTED = [
  'from.aadObjectId',
  'from.id',
  'conversation.id',
  'conversation.conversationType',
  'conversation.tenantId',
  'channelData.tenant',
  'channelData.tenant.id',
  'value.action',
  'value.action.verb',
  'value.action.data',
  'value.action.data.itemRef',
  'value.action.data.digestId',
  'value.action.data.offset',
  'value.trigger',
  'recipient.id',
] as const;

type Mutation = { kind: 'set'; path: string; value: unknown } | { kind: 'delete'; path: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom<string>(...FIELDS, ...NESTED), value: junk() }),
  fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom<string>(...FIELDS, ...NESTED) }),
);

const VERBS = [
  'acknowledgeItem',
  'reassignItem',
  'showMore',
  'refreshDigest',
  'askQuestion',
  'launchMissiles',
  '',
  'constructor',
  '__proto__',
];

function baseActivity(kind: number, mapped: boolean, text: string, verb: string): Record<string, unknown> {
  const user = mapped ? teamsUserOf(supervisor) : { aadObjectId: 'ffffffff-0000-4000-8000-00000000ffff', name: 'Stranger' };
  const chat = new Conversation(serviceUrl, user, kind % 2 === 0 ? 'personal' : 'channel');
  switch (kind % 6) {
    case 0:
    case 1:
      return chat.message(text) as Record<string, unknown>;
    case 2:
      return chat.cardAction(verb, { itemRef: text, digestId: `team:${supervisor.unitId}`, offset: 10 }) as Record<string, unknown>;
    case 3:
      return chat.installationUpdate(text.length % 2 === 0 ? 'add' : 'remove') as Record<string, unknown>;
    case 4:
      return chat.botAdded() as Record<string, unknown>;
    default:
      return { ...(chat.message(text) as Record<string, unknown>), type: text.slice(0, 30) || 'event' };
  }
}

function apply(activity: Record<string, unknown>, change: Mutation): void {
  const keys = change.path.split('.');
  let node: Record<string, unknown> = activity;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      if (change.kind === 'delete') return;
      node[key] = {};
    }
    node = node[key] as Record<string, unknown>;
  }
  const last = keys.at(-1) as string;
  if (change.kind === 'delete') delete node[last];
  else node[last] = change.value;
}

type Case =
  | { kind: 'activity'; base: number; mapped: boolean; text: string; verb: string; mutations: Mutation[] }
  | { kind: 'json'; value: unknown }
  | { kind: 'bytes'; bytes: Uint8Array; contentType: string };

const cases: fc.Arbitrary<Case> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('activity' as const),
      base: fc.nat({ max: 5 }),
      mapped: fc.boolean(),
      text: fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.constantFrom(
          'digest',
          'my items',
          'help',
          'digest at 25:00',
          'subscribe North Team 1 at 07:30',
          'digest off',
          'which teams are below target?',
        ),
      ),
      verb: fc.constantFrom(...VERBS),
      mutations: fc.array(mutation, { minLength: 0, maxLength: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 4 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('bytes' as const),
      bytes: fc.uint8Array({ maxLength: 200 }),
      contentType: fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        '',
      ),
    }),
  },
);

async function send(testCase: Case): Promise<{ status: number; body: string; request: string }> {
  let body: string | Uint8Array;
  let contentType = 'application/json';
  if (testCase.kind === 'activity') {
    // A deep copy: the harness's activities share objects (the bot's account) that must stay intact.
    const activity = structuredClone(baseActivity(testCase.base, testCase.mapped, testCase.text, testCase.verb));
    for (const change of testCase.mutations) apply(activity, change);
    body = JSON.stringify(activity);
  } else if (testCase.kind === 'json') {
    body = JSON.stringify(testCase.value) ?? 'null';
  } else {
    body = testCase.bytes;
    contentType = testCase.contentType;
  }
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: contentType ? { 'content-type': contentType } : {},
    body,
  });
  return {
    status: response.status,
    body: await response.text(),
    request: typeof body === 'string' ? body.slice(0, 500) : `<${body.length} bytes>`,
  };
}

describe('POST /api/messages under generated malformed activities', () => {
  it(`answers every one 200 or 4xx, never 5xx, and no turn fails (${RUNS} cases)`, async () => {
    let tried = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(cases, async (testCase) => {
        tried++;
        const errorsBefore = errorLogs.length;
        const { status, body, request } = await send(testCase);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        expect(status === 200 || (status >= 400 && status < 500), `HTTP ${status} ${body.slice(0, 300)} for ${request}`).toBe(true);
        expect(errorLogs.slice(errorsBefore), `errors logged for ${request}`).toEqual([]);
      }),
      { numRuns: RUNS, seed: 20261123, endOnFailure: true },
    );
    expect(tried).toBe(RUNS);
    const summary = [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}: ${count}`)
      .join(', ');
    process.stdout.write(`activity fuzz: ${tried} generated activities; answers ${summary}\n`);
    // Still serving, and still answering a genuine message.
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    const chat = new Conversation(serviceUrl, teamsUserOf(supervisor));
    const genuine = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chat.message('help')),
    });
    expect(genuine.status, await genuine.text()).toBe(200);
  }, 900_000);
});
