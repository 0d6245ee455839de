import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestInputIds } from '../../src/bot/cards/index.js';
import type { Person } from '../../src/domain/types.js';
import { startBotApp, type BotApp } from '../support/bot-app.js';
import { Conversation, pickTeam, teamsUserOf, type BotHarness } from '../support/bot-harness.js';

/**
 * `/api/messages` with requests Teams would never send: each is answered 4xx (or 200 with nothing, for
 * an activity type the bot does not act on), never 5xx, nothing is logged as a failure, and a genuine
 * message afterwards is still answered. Each case below broke a turn (or answered 5xx) before the check
 * that now refuses it; tests/reliability/activity-fuzz.test.ts generates thousands more.
 */
let bot: BotApp;
let supervisor: Person;

beforeAll(async () => {
  bot = await startBotApp();
  ({ supervisor } = await pickTeam({ app: bot.app } as BotHarness));
}, 120_000);

afterAll(async () => {
  await bot?.close();
});

const personal = () => new Conversation(bot.serviceUrl, teamsUserOf(supervisor));
const channel = () => new Conversation(bot.serviceUrl, teamsUserOf(supervisor), 'channel');
const json = (activity: object) => JSON.stringify(activity);

async function expectRefused(body: string | Uint8Array, status: number, headers?: Record<string, string>, problem?: RegExp): Promise<void> {
  const logged = bot.logLines.length;
  const seen = bot.connector.mark();
  const answer = await bot.postRaw(body, headers);
  expect(answer.status, answer.text).toBe(status);
  if (problem) expect(answer.text).toMatch(problem);
  expect(JSON.parse(answer.text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  expect(seen(), 'nothing was sent to the conversation').toEqual([]);
  expect(bot.logLines.slice(logged)).toEqual([]);
}

describe('POST /api/messages refuses what is not an activity', () => {
  it('a wrong content type: 415', async () => {
    await expectRefused(json(personal().message('help')), 415, { 'content-type': 'text/plain' });
    await expectRefused('type=message&text=help', 415, { 'content-type': 'application/x-www-form-urlencoded' });
  });

  it('an empty body, malformed JSON, JSON that is not an object: 400', async () => {
    await expectRefused('', 400);
    await expectRefused('{"type":"message",', 400, undefined, /not valid JSON/);
    await expectRefused('[1,2,3]', 400);
    await expectRefused('null', 400);
    await expectRefused('"message"', 400);
  });

  it('bytes that are not UTF-8: 400', async () => {
    const activity = Buffer.from(json(personal().message('help ÿ')));
    const broken = Buffer.concat([activity.subarray(0, 40), Buffer.from([0xc3, 0x28, 0xff]), activity.subarray(40)]);
    await expectRefused(broken, 400, undefined, /UTF-8/);
  });

  it('a string that is not text (an unpaired surrogate escape), which the store would refuse later: 400', async () => {
    const activity = json({
      ...personal().installationUpdate('add'),
      from: { id: 'SURROGATE', aadObjectId: supervisor.aadObjectId },
    }).replace('SURROGATE', '\\ud800');
    await expectRefused(activity, 400, undefined, /surrogate/);
  });

  it('a NUL character in a note, a reason, an item ref, an Entra id, a conversation id or a message: 400', async () => {
    const chat = personal();
    const seen = bot.connector.mark();
    expect((await bot.postRaw(json(chat.message('digest')))).status).toBe(200);
    const itemRef = /"itemRef":"([^"]+)"/.exec(JSON.stringify(seen()))?.[1];
    expect(itemRef, 'a real item, so that the note and the reason would reach the store').toBeDefined();
    const ids = digestInputIds(itemRef!);
    const nul = /NUL character/;
    await expectRefused(
      json(chat.cardAction('acknowledgeItem', { itemRef, digestId: `team:${supervisor.unitId}`, [ids.note]: 'Rang back\u0000 at 10' })),
      400,
      undefined,
      nul,
    );
    await expectRefused(
      json(chat.cardAction('reassignItem', { itemRef, [ids.officer]: supervisor.id, [ids.reason]: 'Leave\u0000' })),
      400,
      undefined,
      nul,
    );
    await expectRefused(json(chat.cardAction('acknowledgeItem', { itemRef: `${itemRef!}\u0000` })), 400, undefined, nul);
    await expectRefused(
      json({ ...chat.message('help'), from: { id: '29:x', aadObjectId: `${supervisor.aadObjectId!}\u0000` } }),
      400,
      undefined,
      nul,
    );
    await expectRefused(
      json({ ...chat.installationUpdate('add'), conversation: { id: 'a:personal-\u0000', conversationType: 'personal' } }),
      400,
      undefined,
      nul,
    );
    await expectRefused(json(chat.message('my team\u0000s compliance')), 400, undefined, nul);
  });

  it('a body over 256 KB: 413', async () => {
    await expectRefused(json({ ...personal().message('help'), channelData: { padding: 'x'.repeat(300_000) } }), 413);
  });

  it('text over 20,000 characters: 400', async () => {
    await expectRefused(json(personal().message('x'.repeat(20_001))), 400, undefined, /text/);
  });

  it('missing who, where or how to reply: 400 naming the field', async () => {
    for (const field of ['type', 'channelId', 'serviceUrl', 'conversation', 'from', 'recipient']) {
      const activity = personal().message('help') as Record<string, unknown>;
      delete activity[field];
      await expectRefused(json(activity), 400, undefined, new RegExp(field));
    }
    await expectRefused(json({ ...personal().message('help'), serviceUrl: 'file:///etc/passwd' }), 400, undefined, /serviceUrl/);
    await expectRefused(json({ ...personal().message('help'), from: { name: 'no id' } }), 400, undefined, /from\.id/);
  });

  it('fields botbuilder copies into the reply with the wrong type: 400 (the reply could not be sent)', async () => {
    await expectRefused(json({ ...personal().message('help'), locale: 1e207 }), 400, undefined, /locale/);
    await expectRefused(json({ ...personal().message('help'), conversation: { id: 'a:1', isGroup: 'yes' } }), 400, undefined, /isGroup/);
    await expectRefused(json({ ...personal().message('help'), recipient: { id: 28 } }), 400, undefined, /recipient/);
  });

  it('an activity or conversation id that would be read as a URL path step: 400', async () => {
    await expectRefused(json({ ...personal().message('help'), id: '.' }), 400, undefined, /id/);
    await expectRefused(json({ ...personal().message('help'), conversation: { id: '..' } }), 400, undefined, /conversation/);
  });

  it('a mention without the text or the person it mentions: 400', async () => {
    const message = channel().message('digest') as Record<string, unknown>;
    await expectRefused(json({ ...message, entities: [{ type: 'mention' }] }), 400, undefined, /mention/);
    await expectRefused(json({ ...message, entities: 'mention' }), 400, undefined, /entities/);
  });

  it('an invoke the bot does not handle: 400, not 501', async () => {
    await expectRefused(
      json({ ...(personal().cardAction('acknowledgeItem', {}) as object), name: 'composeExtension/query' }),
      400,
      undefined,
      /does not handle/,
    );
  });
});

describe('POST /api/messages answers odd but well-formed activities politely', () => {
  async function expectAnswered(activity: object): Promise<Record<string, unknown>[]> {
    const logged = bot.logLines.length;
    const seen = bot.connector.mark();
    const answer = await bot.postRaw(json(activity));
    expect(answer.status, answer.text).toBe(200);
    expect(bot.logLines.slice(logged)).toEqual([]);
    return seen().map((call) => call.body);
  }

  it('an activity type the bot does not act on: 200 and nothing sent', async () => {
    expect(await expectAnswered({ ...personal().message('help'), type: 'messageReaction' })).toEqual([]);
    expect(await expectAnswered({ ...personal().message('help'), type: 'no-such-type' })).toEqual([]);
  });

  it('a channel message with the mention but no text (an attachment only): 200 with a reply', async () => {
    const message = channel().message('digest') as Record<string, unknown>;
    delete message.text;
    const sent = await expectAnswered(message);
    expect(sent.map((a) => a.type)).toContain('message');
  });

  it('a button press with data of the wrong shape: 200 with a card saying so', async () => {
    const chat = personal();
    for (const data of [
      { itemRef: 42 },
      { itemRef: 'x'.repeat(5000) },
      { offset: -1, digestId: '../../etc' },
      { digestId: { $ne: null } },
    ]) {
      for (const verb of ['acknowledgeItem', 'reassignItem', 'showMore']) {
        await expectAnswered(chat.cardAction(verb, data));
      }
    }
  });

  it('still answers a genuine message afterwards', async () => {
    const sent = await expectAnswered(personal().message('help'));
    expect(sent.map((a) => a.type)).toEqual(['typing', 'message']);
  });
});
