import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemRef } from '../../src/domain/digest.js';
import type { DigestItem, Person, UnitBreakdown, UnitFigures } from '../../src/domain/types.js';
import {
  cardText,
  pickTeam,
  shownItemRefs,
  startBotHarness,
  textBlocks,
  type BotHarness,
  apiJson,
  askAs,
  rankAndCollar,
  shownPercent,
} from '../support/bot-harness.js';

/**
 * Issue 12, shapes of question the first-reading batches F-H found unread or misread, over /api/messages: two
 * officers compared by name, two months said either way round (and two apart, declined), a person's or a
 * unit's items "still outstanding", the items an officer had at the end of yesterday, and "how is he
 * doing" asked back. Figures are checked against the API at the instant each answer names (now: 07:30 on
 * Fri 20 Nov 2026, London).
 */

const NOW = '2026-11-20T07:30:00.000Z';
const END_OF_OCTOBER = '2026-10-31T23:59:59.999Z';
const END_OF_SEPTEMBER = '2026-09-30T22:59:59.999Z';
const END_OF_YESTERDAY = '2026-11-19T23:59:59.999Z';

let harness: BotHarness;
let sergeant: Person;
let officer: Person;
let teamId: string;

beforeAll(async () => {
  harness = await startBotHarness();
  ({ supervisor: sergeant, oic: officer, unitId: teamId } = await pickTeam(harness));
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

const ask = (person: Person, question: string) => askAs(harness, person, question);

const api = <T>(path: string) => apiJson<T>(harness, path);

const percent = shownPercent;
const collar = rankAndCollar;
const allText = (card: unknown) => textBlocks(card).join('\n');

describe('question shapes found at first reading (issue 12)', () => {
  it('sets two officers of a team side by side, and only those: "PC 1035 vs PC 1036 on NAs"', async () => {
    const breakdown = await api<UnitBreakdown>(`/v1/units/${teamId}/breakdown?at=${NOW}`);
    expect(breakdown.officers.length).toBeGreaterThan(2);
    const [one, other] = breakdown.officers;
    const card = await ask(sergeant, `${collar(one!.officer.name)} vs ${collar(other!.officer.name)} on NAs`);
    const rows = [one!, other!].sort((a, b) => a.officer.name.localeCompare(b.officer.name, 'en', { numeric: true }));
    const figure = (row: (typeof rows)[number]) =>
      `${row.officer.name} ${percent(row.needsAssessment.rate)} (${row.needsAssessment.compliant} of ${row.needsAssessment.total} victims)`;
    expect(textBlocks(card)[0]).toBe(`needs assessments done: ${rows.map(figure).join(' · ')} — at 20 Nov 2026`);
    for (const left of breakdown.officers.slice(2)) expect(allText(card)).not.toContain(left.officer.name);
    expect(textBlocks(card).find((text) => text.startsWith('Read as:'))).toContain(`${rows[0]!.officer.name} and ${rows[1]!.officer.name}`);
  });

  it('answers "September compared with October" as October beside September, whichever is said first', async () => {
    const [october, september] = await Promise.all([
      api<UnitFigures>(`/v1/units/${teamId}/compliance?at=${END_OF_OCTOBER}`),
      api<UnitFigures>(`/v1/units/${teamId}/compliance?at=${END_OF_SEPTEMBER}`),
    ]);
    for (const question of ['were we better in september than october', 'october compared with september']) {
      const card = await ask(sergeant, question);
      expect(textBlocks(card)[0]).toContain(
        `${percent(october.rate)} fully compliant — ${october.compliant} of ${october.total} victims — at 31 Oct 2026`,
      );
      expect(cardText(card)).toContain(percent(september.rate));
      const readAs = textBlocks(card).find((text) => text.startsWith('Read as:'));
      expect(readAs).toContain(`Read as: ${october.unit.name} · fully compliant · October 2026 · at the end of Sat 31 Oct 2026`);
    }
  });

  it('gives a trend that ends before this month: "our compliance month by month from june to august"', async () => {
    const ends = ['2026-06-30T22:59:59.999Z', '2026-07-31T22:59:59.999Z', '2026-08-31T22:59:59.999Z'];
    const api = await Promise.all(ends.map((at) => harness.api(`/v1/units/${teamId}/compliance?at=${at}`).then((r) => r.json())));
    const card = await ask(sergeant, 'our compliance month by month from june to august');
    const august = api[2] as UnitFigures;
    expect(textBlocks(card)[0]).toContain(
      `${percent(august.rate)} fully compliant — ${august.compliant} of ${august.total} victims — at 31 Aug 2026`,
    );
    expect(textBlocks(card)[0]).toContain(`3-month trend from ${percent((api[0] as UnitFigures).rate)} at the end of June 2026`);
    expect(textBlocks(card).find((text) => text.startsWith('Read as:'))).toContain('month-ends June 2026 to August 2026');
    expect(allText(card)).not.toMatch(/September|October|November/);
  });

  it('declines two months apart with the reason, never answering the first beside a month nobody asked about', async () => {
    const text = allText(await ask(sergeant, 'june vs october'));
    expect(text).toContain('"june" and "october" are not next to each other');
    expect(text).not.toMatch(/\d+\.\d%/);
  });

  it("lists an officer's open items when a sergeant asks what they have still outstanding", async () => {
    const card = await ask(sergeant, `whats ${collar(officer.name)} got outstanding`);
    const team = await api<{ items: DigestItem[] }>(`/v1/units/${teamId}/digest?at=${NOW}`);
    const theirs = new Set(team.items.filter((item) => item.oicId === officer.id).map((item) => itemRef(item)));
    expect(theirs.size).toBeGreaterThan(0);
    expect(new Set(shownItemRefs(card))).toEqual(theirs);
    expect(textBlocks(card)[0]).toBe(`${officer.name}'s items`);
  });

  it('lists only the duty asked about, whatever the digests list: "north lpa referrals still outstanding?"', async () => {
    const inspector = (await harness.app.services.people.listByUnit('N-LPA')).find((person) => person.role === 'inspector')!;
    const card = await ask(inspector, 'north lpa referrals still outstanding?');
    const { items } = await harness.app.services.queries.digest('N-LPA', new Date(NOW), { duties: ['referral'] });
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(shownItemRefs(card))).toEqual(new Set(items.slice(0, shownItemRefs(card).length).map((item) => itemRef(item))));
    expect(allText(card)).not.toMatch(/Needs assessment missing|Update overdue/);
  });

  it('lists the items an officer had open at the end of yesterday, and says so', async () => {
    const card = await ask(officer, 'what did i have outstanding yesterday');
    const team = await api<{ items: DigestItem[] }>(`/v1/units/${officer.unitId}/digest?at=${END_OF_YESTERDAY}`);
    const then = team.items.filter((item) => item.oicId === officer.id);
    expect(then.length).toBeGreaterThan(0);
    expect(new Set(shownItemRefs(card))).toEqual(new Set(then.map((item) => itemRef(item))));
    expect(textBlocks(card).slice(0, 2)).toEqual(['Your items', '23:59 Thu 19 Nov 2026']);
    expect(textBlocks(card).find((text) => text.startsWith('Read as:'))).toContain('19 Nov 2026 · at the end of Thu 19 Nov 2026');
  });

  it('asks back who is meant by "he", offering the sergeant\'s own people, never answering for the team', async () => {
    const card = await ask(sergeant, 'how is he doing');
    expect(allText(card)).toContain('Who did you mean by "he"?');
    expect(allText(card)).not.toMatch(/\d+\.\d%/);
    expect(cardText(card)).toContain(officer.name);
  });
});
