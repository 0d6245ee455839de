import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person, UnitDigest } from '../../src/domain/types.js';
import type { DipAuditFigures } from '../../src/service/dip-audit-figures.js';
import {
  apiJson,
  pressCard,
  replyCard,
  type BotHarness,
  Conversation,
  cardText,
  executeActions,
  startBotHarness,
  teamsUserOf,
  textBlocks,
} from '../support/bot-harness.js';
import { validateAdaptiveCard } from '../support/adaptive-card-validator.js';
import { shownAs } from '../support/inert-markdown.js';

/**
 * An inspector's month (issue 16), on the demo force in a data folder: Fri 20 Nov 2026, November's sample
 * was drawn on Mon 2 Nov. The inspector asks for the sample twice, opens a case, answers part of its
 * questionnaire; the service restarts on the same folder; the answers are still there; another command's
 * inspector and a sergeant are refused; the audit is submitted and then read only; it shows in the figures beside
 * the records' own verdict on the same case, and a question about it is answered with them.
 */
const CASE_URL = 'https://records.example.police.uk/cases/{caseId}';
let folder: string;
let harness: BotHarness;
let inspector: Person;
let otherInspector: Person;
let sergeant: Person;
let chat: Conversation;
let firstSample: string[];
let openData: Record<string, unknown>;

async function start(): Promise<BotHarness> {
  return startBotHarness({ VCOP_DATA_DIR: join(folder, 'data'), VCOP_CASE_URL_TEMPLATE: CASE_URL });
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'vcop-dip-protocol-'));
  harness = await start();
  const { queries, people } = harness.app.services;
  const commands = (await queries.listUnits()).filter((u) => u.kind === 'command');
  const inspectors: Person[] = [];
  for (const command of commands) {
    const found = (await people.listByUnit(command.id)).find((p) => p.role === 'inspector' && p.aadObjectId);
    if (found) inspectors.push(found);
  }
  [inspector, otherInspector] = inspectors as [Person, Person];
  const teams = (await queries.listUnits()).filter((u) => u.parentId === inspector.unitId);
  for (const team of teams) {
    const found = (await people.listByUnit(team.id)).find((p) => p.role === 'supervisor' && p.aadObjectId);
    if (found) sergeant = found;
  }
  chat = new Conversation(harness.serviceUrl, teamsUserOf(inspector));
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await rm(folder, { recursive: true, force: true });
});

const say = (chat: Conversation, text: string) => replyCard(harness, chat, text);
const press = (chat: Conversation, verb: string, data: Record<string, unknown>) => pressCard(harness, chat, verb, data);

const caseIds = (card: unknown) => executeActions(card, 'openDipAudit').map((a) => (a.data as { caseId: string }).caseId);

/** The value a question's inputs show on the card, by input id. */
function inputValues(card: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.type === 'string' && record.type.startsWith('Input.')) values[String(record.id)] = String(record.value ?? '');
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return values;
}

describe("an inspector's dip sample", () => {
  it('"dip sample" draws the command\'s sample: each team\'s cases by crime reference, category and OIC, no victim', async () => {
    const card = await say(chat, 'dip sample');
    expect(validateAdaptiveCard(card)).toEqual([]);
    const texts = textBlocks(card);
    expect(texts[0]).toMatch(/: dip sample, November 2026$/);
    expect(texts[1]).toMatch(/^Drawn Mon 2 Nov 2026 · \d+ cases · 0 submitted, 0 under way$/);
    firstSample = caseIds(card);
    expect(firstSample.length).toBeGreaterThan(10);
    expect(texts.some((t) => / · OIC /.test(t))).toBe(true);
    expect(cardText(card)).not.toMatch(/"V-[^"]*"/);
  });

  it('is the same sample when asked again', async () => {
    expect(caseIds(await say(chat, 'dip sample 2026-11'))).toEqual(firstSample);
  });

  it('opens a case as a questionnaire: the nine questions, the case link and what the records say', async () => {
    const card = await say(chat, 'dip sample');
    openData = executeActions(card, 'openDipAudit')[0]?.data as Record<string, unknown>;
    const questionnaire = await press(chat, 'openDipAudit', openData);
    expect(validateAdaptiveCard(questionnaire)).toEqual([]);
    const texts = textBlocks(questionnaire).map(shownAs);
    expect(texts[0]).toBe(`${String(openData.caseId)} · ${texts[0]?.split(' · ')[1]}`);
    expect(texts).toContain('Q1. Was the case Code compliant?');
    expect(texts).toContain('Q9. Was the victim told the outcome?');
    expect(texts.some((t) => t.startsWith('What the records say at the draw (2 Nov 2026)'))).toBe(true);
    expect(cardText(questionnaire)).toContain(`https://records.example.police.uk/cases/${String(openData.caseId)}`);
    expect(Object.keys(inputValues(questionnaire))).toHaveLength(18);
    expect(cardText(questionnaire)).not.toMatch(/"V-[^"]*"/);
  });

  it('saves part of the answers as they go, with a note', async () => {
    const saved = await press(chat, 'saveDipAudit', {
      ...openData,
      submit: false,
      'dipAnswer.codeCompliant': 'yes',
      'dipAnswer.goodService': 'no',
      'dipNote.goodService': 'Updates were by text only',
      'dipNote.codeCompliant': '',
    });
    expect(textBlocks(saved)).toContain('Saved. You can change the answers until you submit.');
    expect(textBlocks(saved)).toContain('2 of 9 answered. Submit when every question is answered.');
  });

  it('keeps the answers and the sample across a restart on the same data folder', async () => {
    await harness.close();
    harness = await start();
    chat = new Conversation(harness.serviceUrl, teamsUserOf(inspector));
    const sample = await say(chat, 'dip sample');
    expect(caseIds(sample)).toEqual(firstSample);
    expect(textBlocks(sample)[1]).toMatch(/0 submitted, 1 under way$/);
    const values = inputValues(await press(chat, 'openDipAudit', openData));
    expect(values).toMatchObject({
      'dipAnswer.codeCompliant': 'yes',
      'dipAnswer.goodService': 'no',
      'dipNote.goodService': 'Updates were by text only',
      'dipAnswer.vpsTaken': '',
    });
  }, 120_000);

  it("refuses another command's inspector and a sergeant, audited, and changes nothing", async () => {
    const other = new Conversation(harness.serviceUrl, teamsUserOf(otherInspector));
    const refused = await press(other, 'saveDipAudit', { ...openData, submit: true, 'dipAnswer.codeCompliant': 'no' });
    expect(textBlocks(refused)[0]).toBe("You can't audit this case");
    expect(textBlocks(await press(other, 'openDipAudit', openData))[0]).toBe("You can't audit this case");
    const sergeantChat = new Conversation(harness.serviceUrl, teamsUserOf(sergeant));
    expect(textBlocks(await say(sergeantChat, 'dip sample'))[0]).toBe("You can't see this dip sample");
    const audit = await harness.app.services.db.query<{ actor_id: string; action: string }>(
      `select actor_id, action from audit_log where action like 'dip_audit.%' order by id`,
    );
    expect(audit).toEqual([
      { actor_id: inspector.id, action: 'dip_audit.answers_saved' },
      { actor_id: otherInspector.id, action: 'dip_audit.save_refused' },
      { actor_id: otherInspector.id, action: 'dip_audit.open_refused' },
    ]);
    expect(inputValues(await press(chat, 'openDipAudit', openData))['dipAnswer.codeCompliant']).toBe('yes');
  });

  it("shows a senior lead the force's units, each opening its own sample", async () => {
    const senior = (await harness.app.services.people.listByUnit('FORCE')).find((p) => p.role === 'senior' && p.aadObjectId) as Person;
    const seniorChat = new Conversation(harness.serviceUrl, teamsUserOf(senior));
    const force = await say(seniorChat, 'dip sample');
    expect(validateAdaptiveCard(force)).toEqual([]);
    expect(caseIds(force)).toEqual([]);
    const units = executeActions(force, 'openDipSample');
    const command = units.find((a) => (a.data as { unitId: string }).unitId === inspector.unitId);
    expect(command).toBeDefined();
    expect(caseIds(await press(seniorChat, 'openDipSample', command?.data as Record<string, unknown>))).toEqual(firstSample);
  });

  it('submits only when every question is answered; then the answers are read only', async () => {
    const incomplete = await press(chat, 'saveDipAudit', { ...openData, submit: true, 'dipAnswer.writtenAcknowledgement': 'yes' });
    expect(textBlocks(incomplete)).toContain('Saved, not submitted: 6 questions are still unanswered (questions 4, 5, 6, 7, 8 and 9).');
    const rest = Object.fromEntries(
      ['assessedAndReferred', 'updates', 'toldOfEnd', 'vpsTaken', 'vpsUsed', 'toldOutcome'].map((id) => [`dipAnswer.${id}`, 'na']),
    );
    const submitted = await press(chat, 'saveDipAudit', { ...openData, submit: true, ...rest });
    expect(textBlocks(submitted)).toContain('Audit submitted. Thank you.');
    expect(inputValues(submitted)).toEqual({});
    expect(executeActions(submitted, 'saveDipAudit')).toEqual([]);
    const again = await press(chat, 'saveDipAudit', { ...openData, submit: false, 'dipAnswer.codeCompliant': 'no' });
    expect(textBlocks(again)).toContain('This audit was submitted already: nothing was changed.');
    expect(textBlocks(again)).toContain('Yes');
  });

  it("shows the submitted audit in the figures beside the records' own verdict on the same case, and answers a question on it", async () => {
    // The records' verdict on the audited case, read independently of the audit figures: the case's team's digest at
    // the draw lists an overdue needs assessment or update for one of its victims exactly when it was not fully compliant.
    const drawn = await apiJson<DrawnSample>(harness, `/v1/units/${inspector.unitId}/dip-sample?period=2026-11`);
    const sample = drawn.samples.find((s) => s.cases.some((c) => c.crimeReference === openData.caseId)) as DrawnSample['samples'][number];
    const digest = await apiJson<UnitDigest>(harness, `/v1/units/${sample.team.id}/digest?at=${encodeURIComponent(sample.asOf)}`);
    const breached = digest.items.some(
      (item) =>
        item.caseId === openData.caseId && item.daysOverdue > 0 && ['update_overdue', 'needs_assessment_missing'].includes(item.kind),
    );
    const recordsCompliant = breached ? 0 : 1;

    const figures = await apiJson<DipAuditFigures>(harness, `/v1/units/${inspector.unitId}/dip-audits?period=2026-11`);
    expect(figures).toMatchObject({
      sampled: firstSample.length,
      submitted: 1,
      codeCompliant: { compliant: 1, total: 1, rate: 100 },
      goodService: { compliant: 0, total: 1, rate: 0 },
      dataFullyCompliant: { compliant: recordsCompliant, total: 1, rate: recordsCompliant * 100 },
      // The reviewer said Code compliant, so whatever the records said, nothing was box-ticked.
      dataSaidCompliantReviewerSaidNot: [],
    });

    const answer = await say(chat, 'dip sample results for my command this month');
    const records = `${(recordsCompliant * 100).toFixed(1)}% (${recordsCompliant} of 1)`;
    expect(shownAs(textBlocks(answer)[0] ?? '')).toBe(
      `${figures.unit.name} dip sample, November 2026: 100.0% Code compliant (of 1 audited) · ` +
        `the records said ${records} fully compliant for the same cases.`,
    );
    const outstanding = await say(chat, 'how many audits are outstanding');
    expect(shownAs(textBlocks(outstanding)[0] ?? '')).toBe(
      `${figures.unit.name} dip sample, November 2026 (the current sample): ${firstSample.length - 1} of ${firstSample.length} ` +
        'audits outstanding (drawn, not submitted).',
    );
  });
});

interface DrawnSample {
  samples: { team: { id: string }; asOf: string; cases: { crimeReference: string }[] }[];
}
