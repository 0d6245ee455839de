import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/app.js';
import type { Person } from '../../../src/domain/types.js';
import { buildWeeklySummary } from '../../../src/service/weekly-summary.js';
import { SubscriptionStore } from '../../../src/store/subscription-store.js';
import { runDigests } from '../../support/digest-run.js';
import {
  closeDeliveryStore,
  type DeliveryStore,
  DRIVERS,
  fakeCardBuilder,
  openDeliveryStore,
  savePersonalChat,
  sendRows,
  sendStore,
  subscribePersonalChat,
} from '../../support/delivery-harness.js';
import { RecordingMessenger } from '../../support/recording-messenger.js';

const MONDAY = 0b0000001;

// P5 (Insp 3005 Khan) is North LPA's inspector; P1 and P4 supervise its two teams; P7 (Supt 4007 Ward) the force's senior lead.
describe.each(DRIVERS)('the weekly summary on %s', (driver) => {
  let store: DeliveryStore;
  let services: AppServices;
  let messenger: RecordingMessenger;
  let buildCard: ReturnType<typeof fakeCardBuilder>;

  beforeEach(async () => {
    ({ store, services } = await openDeliveryStore(driver));
    messenger = new RecordingMessenger();
    buildCard = fakeCardBuilder();
  });
  afterEach(() => closeDeliveryStore({ store, services }));

  const person = async (id: string) => (await services.people.findById(id)) as Person;
  const run = (at: string, on: AppServices = services) =>
    runDigests(on, messenger, new Date(at), { buildCard, sends: sendStore(on), retryBackoff: { baseMs: 60_000, maxMs: 60_000 } });

  async function subscribeWeekly(personId: string, unitId: string, localTime = '08:00'): Promise<void> {
    await savePersonalChat(services, { conversationId: `chat-${personId}`, personId });
    await new SubscriptionStore(services.db).subscribe({
      conversationId: `chat-${personId}`,
      personId,
      kind: 'weekly_summary',
      unitId,
      localTime,
      days: MONDAY,
    });
  }

  it("holds the command's figure and week's change, teams below target, enhanced victims overdue, the oldest breaches and unreached sergeants", async () => {
    await subscribePersonalChat(services, {
      conversationId: 'chat-p4',
      personId: 'P4',
      kind: 'team_digest',
      unitId: 'N-T2',
      localTime: '07:00',
    });
    const at = new Date('2026-11-23T08:00:00Z');
    const summary = await buildWeeklySummary(services, { unitId: 'N-LPA', viewer: await person('P5'), at });
    const figures = await services.queries.figures('N-LPA', at);
    const weekBefore = await services.queries.figures('N-LPA', new Date('2026-11-16T08:00:00Z'));
    expect(summary.figures).toMatchObject({ rate: figures.rate, compliant: figures.compliant, total: figures.total });
    // The command's promises at the same instant (issue 17), as the figures API counts them.
    expect(summary.promises).toEqual(await services.queries.promiseCounts('N-LPA', at));
    expect(summary.change).toBe(
      figures.rate === null || weekBefore.rate === null ? null : Number((figures.rate - weekBefore.rate).toFixed(1)),
    );
    const digest = await services.queries.digest('N-LPA', at);
    const breaches = digest.items.filter((item) => item.kind === 'update_overdue' || item.kind === 'needs_assessment_missing');
    expect(summary.overdueEnhancedVictims).toBe(new Set(breaches.filter((item) => item.enhanced).map((item) => item.victimId)).size);
    expect(summary.overdueEnhancedVictims).toBeGreaterThan(0);
    expect(summary.oldestBreaches[0]?.daysOverdue).toBe(Math.max(...breaches.map((item) => item.daysOverdue)));
    expect(summary.oldestBreaches.every((breach) => Object.keys(breach).sort().join() === 'caseId,daysOverdue')).toBe(true);
    const teams = await services.queries.figuresForUnits(['N-T1', 'N-T2'], at);
    expect(summary.belowTarget.map((team) => team.unitId)).toEqual(
      teams
        .filter((team) => team.rate !== null && team.rate < 90)
        .map((team) => team.unit.id)
        .sort(),
    );
    // P1 never installed the app; P4 receives theirs.
    expect(summary.notReceiving).toEqual([{ unitId: 'N-T1', name: 'North Team 1', reason: 'never_installed' }]);
    expect(summary.drillDown.map((button) => button.label)).toEqual(['By team', 'Teams below target', 'Last 6 months']);
  });

  it("is refused for a unit outside the viewer's scope", async () => {
    await expect(buildWeeklySummary(services, { unitId: 'S-LPA', viewer: await person('P5'), at: new Date() })).rejects.toThrow();
  });

  it('comes once a week on its day from its time, is caught up later that day, and is not sent twice by two runners', async () => {
    await subscribeWeekly('P5', 'N-LPA');
    expect(await run('2026-11-22T08:00:00Z')).toMatchObject({ due: 0 }); // Sunday
    expect(await run('2026-11-23T07:59:00Z')).toMatchObject({ due: 0 });
    // PostgreSQL: another replica on the same store; PGlite (one process): two overlapping runs.
    const second = driver === 'postgres' ? await store.open() : services;
    try {
      const results = await Promise.all([run('2026-11-23T15:00:00Z'), run('2026-11-23T15:00:00Z', second)]);
      expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(1);
    } finally {
      if (second !== services) await second.db.close();
    }
    expect(await run('2026-11-23T16:00:00Z')).toMatchObject({ due: 0, sent: 0 });
    expect(await run('2026-11-24T08:00:00Z')).toMatchObject({ due: 0 });
    expect(await run('2026-11-30T08:00:00Z')).toMatchObject({ sent: 1 });
    expect(buildCard.requests.map((request) => [request.unitId, request.summary, request.viewer.id])).toEqual([
      ['N-LPA', 'weekly', 'P5'],
      ['N-LPA', 'weekly', 'P5'],
    ]);
    expect((await sendRows(services)).map((row) => [row.localDate, row.status])).toEqual([
      ['2026-11-23', 'sent'],
      ['2026-11-30', 'sent'],
    ]);
  });

  it('a senior lead gets the force; "digest off" leaves the weekly summary alone, and it stops once no longer in scope', async () => {
    await subscribeWeekly('P7', 'FORCE');
    await new SubscriptionStore(services.db).disable('chat-P7', 'turned_off', 'P7', 'daily');
    expect(await run('2026-11-23T08:00:00Z')).toMatchObject({ sent: 1 });
    await subscribeWeekly('P5', 'S-LPA');
    expect(await run('2026-11-30T08:00:00Z')).toMatchObject({ sent: 1, skipped: 1 });
  });
});
