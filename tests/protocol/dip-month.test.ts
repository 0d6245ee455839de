import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDipChecks } from '../../src/app/dip-sample-extension.js';
import type { Person } from '../../src/domain/types.js';
import {
  pressCard,
  replyCard,
  type BotHarness,
  Conversation,
  cardText,
  cardsOf,
  executeActions,
  startBotHarness,
  teamsUserOf,
  textBlocks,
} from '../support/bot-harness.js';

/**
 * A dip-sample month (issue 16, part 4) on the demo force, the clock moved by the test: the hourly check draws
 * November's sample on Thu 19 Nov; the inspector submits one audit; on Fri 20 Nov (the 15th working day) the
 * check reminds them once; Monday's weekly card shows what is left; a sergeant of another team audits as their
 * delegate; after Mon 30 Nov (the last working day) the senior lead is told once, and their Monday card shows it.
 */
let harness: BotHarness;
let now = new Date('2026-11-19T09:00:00Z');
let inspector: Person;
let otherInspector: Person;
let senior: Person;
let delegate: Person;
let otherSergeant: Person;
let inspectorChat: Conversation;
let seniorChat: Conversation;
let delegateChat: Conversation;
let sampleCases: { unitId: string; period: string; caseId: string }[];

const ANSWERS = Object.fromEntries(
  ['codeCompliant', 'goodService', 'writtenAcknowledgement', 'assessedAndReferred', 'updates', 'toldOfEnd', 'vpsTaken', 'vpsUsed']
    .concat('toldOutcome')
    .map((id) => [`dipAnswer.${id}`, 'yes']),
);

beforeAll(async () => {
  harness = await startBotHarness({}, { clock: { now: () => new Date(now.getTime()) } });
  const { queries, people } = harness.app.services;
  const units = await queries.listUnits();
  const inspectors: Person[] = [];
  for (const command of units.filter((u) => u.kind === 'command')) {
    const found = (await people.listByUnit(command.id)).find((p) => p.role === 'inspector' && p.aadObjectId);
    if (found) inspectors.push(found);
  }
  [inspector, otherInspector] = inspectors as [Person, Person];
  senior = (await people.listByUnit('FORCE')).find((p) => p.role === 'senior' && p.aadObjectId) as Person;
  const sergeants: Person[] = [];
  for (const team of units.filter((u) => u.parentId === inspector.unitId)) {
    const found = (await people.listByUnit(team.id)).find((p) => p.role === 'supervisor' && p.aadObjectId);
    if (found) sergeants.push(found);
  }
  [delegate, otherSergeant] = sergeants as [Person, Person];
  inspectorChat = new Conversation(harness.serviceUrl, teamsUserOf(inspector));
  seniorChat = new Conversation(harness.serviceUrl, teamsUserOf(senior));
  delegateChat = new Conversation(harness.serviceUrl, teamsUserOf(delegate));
  for (const chat of [inspectorChat, seniorChat]) await harness.post(chat.installationUpdate('add'));
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

/** The hourly check at `at`, then the scheduler's tick that delivers the notices; the dip notices each chat got. */
async function hour(at: string): Promise<{ inspector: string[]; senior: string[] }> {
  now = new Date(at);
  const seen = harness.connector.mark();
  await runDipChecks(harness.app.services);
  expect((await harness.api('/v1/digests/run', { method: 'POST' })).status).toBe(200);
  const texts = (chat: Conversation) =>
    seen()
      .filter((call) => call.method === 'POST' && (call.body.conversation as { id?: string } | undefined)?.id === chat.id)
      .map((call) => String(call.body.text ?? ''))
      .filter((text) => /dip.sample/.test(text));
  return { inspector: texts(inspectorChat), senior: texts(seniorChat) };
}

const say = (chat: Conversation, text: string) => replyCard(harness, chat, text);
const press = (chat: Conversation, verb: string, data: Record<string, unknown>) => pressCard(harness, chat, verb, data);

/** The Monday weekly card a chat got from the 08:00 run. */
async function mondayCard(at: string, chat: Conversation): Promise<string> {
  now = new Date(at);
  const seen = harness.connector.mark();
  expect((await harness.api('/v1/digests/run', { method: 'POST' })).status).toBe(200);
  const cards = seen()
    .filter((call) => call.method === 'POST' && (call.body.conversation as { id?: string } | undefined)?.id === chat.id)
    .flatMap((call) => cardsOf(call.body));
  return textBlocks(cards.find((card) => cardText(card).includes(': the week'))).join('\n');
}

describe("a dip-sample month's reminders, overdue audits and a delegate", () => {
  it('draws the sample on the hourly check and tells the inspector once; they submit one audit; nothing is reminded before the due day', async () => {
    const { inspector: drawn, senior } = await hour('2026-11-19T09:00:00Z');
    expect(senior).toEqual([]);
    expect(drawn).toHaveLength(1);
    expect(drawn[0]).toMatch(
      /^November 2026's dip sample is drawn: \d+ cases to audit \(.+ \d+; .+ \d+\), due by Fri 20 Nov\. Say "dip sample 2026-11" to open the sample\.$/,
    );
    expect(drawn[0]).not.toMatch(/V-|CR-/);
    expect(await hour('2026-11-19T10:00:00Z')).toEqual({ inspector: [], senior: [] });
    sampleCases = executeActions(await say(inspectorChat, 'dip sample'), 'openDipAudit').map(
      (a) => a.data as { unitId: string; period: string; caseId: string },
    );
    expect(sampleCases.length).toBeGreaterThan(10);
    const submitted = await press(inspectorChat, 'saveDipAudit', { ...sampleCases[0], submit: true, ...ANSWERS });
    expect(textBlocks(submitted)).toContain('Audit submitted. Thank you.');
  });

  it('reminds the inspector once on the due day, naming the units, the month and the cases done and left; no victim', async () => {
    const { inspector: reminders, senior } = await hour('2026-11-20T08:00:00Z');
    expect(senior).toEqual([]);
    expect(reminders).toHaveLength(1);
    const reminder = reminders[0] as string;
    expect(reminder).toMatch(/^Reminder: November 2026's dip-sample audits are due by Fri 20 Nov\. /);
    expect(reminder).toMatch(/: 1 of \d+ done, \d+ left/);
    expect(reminder).toContain('Say "dip sample 2026-11" to open the sample.');
    expect(reminder).not.toMatch(/V-|CR-/);
    expect(await hour('2026-11-20T09:00:00Z')).toEqual({ inspector: [], senior: [] });
  });

  it("shows the audits left on the inspector's Monday card, with their due day", async () => {
    const card = await mondayCard('2026-11-23T08:00:00Z', inspectorChat);
    expect(card).toContain('Dip-sample audits');
    expect(card).toMatch(/: \d+ of \d+ left, was due by Fri 20 Nov/);
    expect(card).not.toMatch(/Overdue:/);
  });

  it("lets the inspector's delegate submit an audit of another team, and audits the naming", async () => {
    const named = await say(inspectorChat, `dip delegate ${delegate.name}`);
    expect(textBlocks(named)[0]).toMatch(/^✓ .* audits .*'s dip samples for you$/);
    const shown = executeActions(await say(delegateChat, 'dip sample'), 'openDipAudit').map((a) => (a.data as { caseId: string }).caseId);
    // The command's sample but for the delegate's own team, whose cases the team never learns.
    expect(shown).toEqual(sampleCases.filter((c) => c.unitId !== delegate.unitId).map((c) => c.caseId));
    expect(shown.length).toBeGreaterThan(0);
    const theirs = sampleCases.find((c, i) => i > 0 && c.unitId !== delegate.unitId) as (typeof sampleCases)[number];
    expect(textBlocks(await press(delegateChat, 'openDipAudit', theirs))[0]).toMatch(new RegExp(`^${theirs.caseId} · `));
    expect(textBlocks(await press(delegateChat, 'saveDipAudit', { ...theirs, submit: true, ...ANSWERS }))).toContain(
      'Audit submitted. Thank you.',
    );
    const audit = await harness.app.services.db.query<{ actor_id: string; action: string }>(
      `select actor_id, action from audit_log where action like 'dip_delegate.%' or action = 'dip_audit.submitted' order by id`,
    );
    expect(audit).toEqual([
      { actor_id: inspector.id, action: 'dip_audit.submitted' },
      { actor_id: inspector.id, action: 'dip_delegate.named' },
      { actor_id: delegate.id, action: 'dip_audit.submitted' },
    ]);
  });

  it("refuses the delegate on their own team's cases and on another inspector's, and a sergeant who is no delegate", async () => {
    const own = sampleCases.find((c) => c.unitId === delegate.unitId) as (typeof sampleCases)[number];
    const ownRefusal = textBlocks(await press(delegateChat, 'openDipAudit', own));
    expect(ownRefusal[0]).toBe("You can't audit this case");
    expect(ownRefusal.join(' ')).toContain("holds your own team's cases");
    const [elsewhere] = await harness.app.services.db.query<{ unitId: string; period: string; caseId: string }>(
      `select s.unit_id as "unitId", s.period, s.case_id as "caseId" from dip_sample_cases s join units u on u.id = s.unit_id
       where u.parent_id = $1 order by s.unit_id, s.position limit 1`,
      [otherInspector.unitId],
    );
    const refused = textBlocks(await press(delegateChat, 'saveDipAudit', { ...elsewhere, submit: true, ...ANSWERS }));
    expect(refused[0]).toBe("You can't audit this case");
    expect(refused.join(' ')).toContain('belongs to another inspector: only its inspector, their delegate or a senior lead can audit it.');
    const notDelegate = new Conversation(harness.serviceUrl, teamsUserOf(otherSergeant));
    const theirs = sampleCases.find((c) => c.unitId !== otherSergeant.unitId) as (typeof sampleCases)[number];
    expect(textBlocks(await press(notDelegate, 'saveDipAudit', { ...theirs, submit: true, ...ANSWERS }))[0]).toBe(
      "You can't audit this case",
    );
  });

  it('removes the delegate on "dip delegate none": they are refused from then on, and the removal is audited', async () => {
    expect(textBlocks(await say(inspectorChat, 'dip delegate none'))[0]).toMatch(/^✓ No delegate for .*'s dip audits$/);
    const theirs = sampleCases.find((c, i) => i > 1 && c.unitId !== delegate.unitId) as (typeof sampleCases)[number];
    expect(textBlocks(await press(delegateChat, 'openDipAudit', theirs))[0]).toBe("You can't audit this case");
    const [removed] = await harness.app.services.db.query<{ actor_id: string }>(
      `select actor_id from audit_log where action = 'dip_delegate.removed'`,
    );
    expect(removed).toEqual({ actor_id: inspector.id });
  });

  it("tells the senior lead once after the overdue day, naming the inspector; the inspector is not reminded again (but told of December's sample)", async () => {
    expect(await hour('2026-11-30T16:00:00Z')).toEqual({ inspector: [], senior: [] });
    const { inspector: again, senior: told } = await hour('2026-12-01T09:00:00Z');
    // Not reminded of November again; told instead that December's sample, drawn today, is ready.
    expect(again).toHaveLength(1);
    expect(again[0]).toMatch(/^December 2026's dip sample is drawn: /);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/^Overdue: November 2026's dip-sample audits were not all submitted by Mon 30 Nov\.\n\n- /);
    expect(told[0]).toMatch(new RegExp(`\\n- ${inspector.name}: [^\\n]*1 of \\d+ done, \\d+ left`));
    expect(told[0]).not.toMatch(/V-|CR-/);
    expect(await hour('2026-12-01T10:00:00Z')).toEqual({ inspector: [], senior: [] });
  });

  it("shows the overdue audits on the senior lead's Monday card while they are still overdue", async () => {
    const card = await mondayCard('2026-12-07T08:00:00Z', seniorChat);
    expect(card).toContain('Dip-sample audits');
    expect(card).toMatch(/Overdue: .*, November 2026: \d+ of \d+ left, was due by Fri 20 Nov/);
  });
});
