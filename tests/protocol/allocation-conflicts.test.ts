import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestInputIds } from '../../src/bot/cards/index.js';
import type { Person } from '../../src/domain/types.js';
import { fixture } from '../support/test-app.js';
import { Conversation, cardsOf, invokeCard, shownItemRefs, startBotHarness, teamsUserOf, type BotHarness } from '../support/bot-harness.js';

/**
 * PS Smith (P1) reassigns a case of PC Patel (P2) to himself on his digest card. The next extract from
 * the records system still carries PC Patel: the import answers with the conflict, keeps the Teams
 * reassignment, and PS Smith is told in his chat on the scheduler's next run, once.
 */

let harness: BotHarness;
let supervisor: Person;

beforeAll(async () => {
  harness = await startBotHarness({ VCOP_DEMO: '0', VCOP_NOW: '2026-11-20T10:00:00Z' });
  expect((await postRecords(await fixture('small-force.ndjson'))).status).toBe(200);
  supervisor = (await harness.app.services.people.findById('P1'))!;
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

function postRecords(body: string): Promise<Response> {
  return harness.api('/v1/records', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
}

const noticesIn = (conversationId: string) =>
  harness.connector.sentTo(conversationId).filter((a) => String(a.text ?? '').includes('records system'));

describe('an extract that disagrees with a reassignment made in Teams', () => {
  it('keeps the reassignment, answers with the conflict, and tells the supervisor who made it, once', async () => {
    const chat = new Conversation(harness.serviceUrl, teamsUserOf(supervisor));
    await harness.post(chat.installationUpdate('add'));
    const seen = harness.connector.mark();
    await harness.post(chat.message('digest'));
    const card = cardsOf(seen().filter((call) => call.method === 'POST' && call.body.type === 'message')[0]!.body)[0]!;
    const ref = shownItemRefs(card)[0]!;
    const ids = digestInputIds(ref);
    invokeCard(
      await harness.post(
        chat.cardAction('reassignItem', { itemRef: ref, digestId: 'team:N-T1', [ids.officer]: 'P1', [ids.reason]: 'PC Patel on leave' }),
      ),
    );
    const moved = (await harness.app.services.db.query<{ case_id: string }>(`select case_id from allocation_changes`))[0]!.case_id;

    const stale = (await fixture('small-force.ndjson'))
      .split('\n')
      .filter((line) => line.includes(`"id":"${moved}"`) && line.includes('"type":"case"'));
    const answer = await postRecords(stale.join('\n'));
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { imported: { case: number }; conflicts: { caseId: string; resolution: string }[] };
    expect(body.imported.case).toBe(1);
    expect(body.conflicts).toEqual([
      expect.objectContaining({ caseId: moved, resolution: 'teams_reassignment_kept', extract: { unitId: 'N-T1', oicId: 'P2' } }),
    ]);
    expect(
      (await harness.app.services.queries.digest('N-T1', new Date('2026-11-20T10:00:00Z'))).items
        .filter((i) => i.caseId === moved)
        .every((i) => i.oicId === 'P1'),
    ).toBe(true);

    expect((await harness.api('/v1/digests/run', { method: 'POST' })).status).toBe(200);
    await harness.connector.waitFor(() => noticesIn(chat.id).length > 0);
    expect(String(noticesIn(chat.id)[0]!.text)).toBe(
      `Case ${moved}: the records system's latest extract still shows PC 2002 Patel as OIC. Your reassignment to PS 1001 Smith stands until the records system shows it: please make sure the change is made there.`,
    );
    // The same stale extract again, and another run: still reported to the caller, not told twice.
    expect(((await (await postRecords(stale.join('\n'))).json()) as { conflicts: unknown[] }).conflicts).toHaveLength(1);
    expect((await harness.api('/v1/digests/run', { method: 'POST' })).status).toBe(200);
    expect(noticesIn(chat.id)).toHaveLength(1);
  });
});
