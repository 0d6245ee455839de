import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/domain/types.js';
import type { DipAuditFigures } from '../../src/service/dip-audit-figures.js';
import {
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
import { shownAs } from '../support/inert-markdown.js';

/**
 * An inspector asks about their dip-sample audits (issue 16 part 3), on the demo force, Fri 20 Nov 2026: they
 * draw November's sample, submit two audits (one a case they found not Code compliant), then ask in chat. The
 * answers carry the same figures as `GET /v1/units/{id}/dip-audits` for their command and November; a sergeant
 * asking is refused with the reason.
 */
let harness: BotHarness;
let inspector: Person;
let sergeant: Person;
let chat: Conversation;

beforeAll(async () => {
  harness = await startBotHarness();
  const { queries, people } = harness.app.services;
  const units = await queries.listUnits();
  for (const command of units.filter((u) => u.kind === 'command')) {
    const found = (await people.listByUnit(command.id)).find((p) => p.role === 'inspector' && p.aadObjectId);
    if (found) {
      inspector = found;
      break;
    }
  }
  for (const team of units.filter((u) => u.parentId === inspector.unitId)) {
    const found = (await people.listByUnit(team.id)).find((p) => p.role === 'supervisor' && p.aadObjectId);
    if (found) sergeant = found;
  }
  chat = new Conversation(harness.serviceUrl, teamsUserOf(inspector));
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

const say = (conversation: Conversation, text: string) => replyCard(harness, conversation, text);

const press = (verb: string, data: Record<string, unknown>) => pressCard(harness, chat, verb, data);

/** A card's facts, title -> value, as shown. */
function factsOf(card: unknown): Record<string, string> {
  const facts: Record<string, string> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'FactSet')
        for (const f of record.facts as { title: string; value: string }[]) facts[shownAs(f.title)] = shownAs(f.value);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return facts;
}

const ALL_NA = Object.fromEntries(
  ['writtenAcknowledgement', 'assessedAndReferred', 'updates', 'toldOfEnd', 'vpsTaken', 'vpsUsed', 'toldOutcome'].map((id) => [
    `dipAnswer.${id}`,
    'na',
  ]),
);

async function apiFigures(): Promise<DipAuditFigures> {
  const response = await harness.api(`/v1/units/${inspector.unitId}/dip-audits?period=2026-11`);
  expect(response.status).toBe(200);
  return (await response.json()) as DipAuditFigures;
}

const percent = (ratio: { compliant: number; total: number; rate: number | null }) =>
  `${ratio.rate?.toFixed(1)}% (${ratio.compliant} of ${ratio.total})`;

describe('an inspector asks about the dip-sample audits', () => {
  it('draws the sample and submits two audits from the cards', async () => {
    const sample = await say(chat, 'dip sample');
    const [first, second] = executeActions(sample, 'openDipAudit').map((a) => a.data as Record<string, unknown>);
    const submit = async (data: Record<string, unknown>, codeCompliant: string, goodService: string) => {
      await press('openDipAudit', data);
      const card = await press('saveDipAudit', {
        ...data,
        submit: true,
        'dipAnswer.codeCompliant': codeCompliant,
        'dipAnswer.goodService': goodService,
        ...ALL_NA,
      });
      expect(textBlocks(card)).toContain('Audit submitted. Thank you.');
    };
    await submit(first as Record<string, unknown>, 'no', 'yes');
    await submit(second as Record<string, unknown>, 'yes', 'yes');
  });

  it('answers "dip sample results this month" with the API\'s figures for the command and November', async () => {
    const card = await say(chat, 'dip sample results this month');
    const api = await apiFigures();
    const texts = textBlocks(card).map(shownAs);
    const name = api.unit.name;
    expect(texts[0]).toBe(
      `${name} dip sample, November 2026: ${api.codeCompliant?.rate?.toFixed(1)}% Code compliant (of 2 audited) · ` +
        `the records said ${percent(api.dataFullyCompliant)} fully compliant for the same cases.`,
    );
    expect(factsOf(card)).toEqual({
      'Cases drawn': String(api.sampled),
      'Audits submitted': '2',
      'Code compliant (reviewers)': '50.0% (1 of 2)',
      'Good service (reviewers)': '100.0% (2 of 2)',
      'Fully compliant (records, same cases)': percent(api.dataFullyCompliant),
      'Records compliant, reviewer not': String(api.dataSaidCompliantReviewerSaidNot.length),
    });
    expect(api.codeCompliant).toEqual({ compliant: 1, total: 2, rate: 50 });
    expect(texts).toContain(
      `Read as: ${name} · dip-sample audits (reviewers beside the records) · November 2026 (no place given, so: yours)`,
    );
  });

  it('answers how many audits are outstanding, and the box-ticked cases by crime reference, as the API', async () => {
    const api = await apiFigures();
    const outstanding = await say(chat, 'how many audits are outstanding');
    expect(shownAs(textBlocks(outstanding)[0] ?? '')).toBe(
      `${api.unit.name} dip sample, November 2026 (the current sample): ${api.sampled - 2} of ${api.sampled} audits outstanding ` +
        '(drawn, not submitted).',
    );
    const boxTicked = await say(chat, 'which cases were marked compliant but failed the audit this month');
    expect(Object.keys(factsOf(boxTicked))).toEqual(api.dataSaidCompliantReviewerSaidNot.map((c) => c.crimeReference));
    expect(cardText(boxTicked)).not.toMatch(/"V-[^"]*"/);
  });

  it('refuses a sergeant with the reason, not "not understood"', async () => {
    const card = await say(new Conversation(harness.serviceUrl, teamsUserOf(sergeant)), 'dip sample results');
    expect(textBlocks(card).map(shownAs)).toContain(
      "Dip samples are audited by the command's inspector (or a senior lead), not by the team itself.",
    );
  });
});
