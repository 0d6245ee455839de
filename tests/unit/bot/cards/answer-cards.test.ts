import { describe, expect, it } from 'vitest';
import { TEAMS_MESSAGE_LIMIT_BYTES, cardBytes } from '../../../../src/bot/cards/card-size.js';
import { renderFigureCard } from '../../../../src/bot/cards/figure-card.js';
import { renderRankingCard } from '../../../../src/bot/cards/ranking-card.js';
import { sampleFigure, sampleRanking, sampleTrend } from '../../../fixtures/cards/sample-card-data.js';
import { barFloor, renderTrendCard, textBar } from '../../../../src/bot/cards/trend-card.js';
import { actions, expectValidCard, texts } from '../../../support/card-test-helpers.js';

describe('renderFigureCard', () => {
  it('carries the headline as text, with the rate, the counts and the previous period', () => {
    const card = renderFigureCard(sampleFigure());
    expectValidCard(card);
    const shown = texts(card);
    expect(shown[0]).toBe('North Team 3: 87.5% fully compliant — 35 of 40 victims — at 20 Nov 2026');
    expect(shown).toEqual(
      expect.arrayContaining(['87.5%', '35 of 40 victims', '85.4%', '+2.1 pts vs 31 Oct 2026', 'AMBER · just below target']),
    );
  });

  it('shows needs-assessment and update rates with their counts', () => {
    const facts = JSON.stringify(renderFigureCard(sampleFigure()));
    expect(facts).toContain('"title":"Needs assessments done","value":"95.0% (38 of 40)"');
    expect(facts).toContain('"title":"Updates on time","value":"90.0% (36 of 40)"');
  });

  it('drills down with askQuestion buttons that carry the question to re-ask', () => {
    const drill = actions(renderFigureCard(sampleFigure()), 'askQuestion');
    expect(drill.map((a) => a.title)).toEqual(['By officer', 'Show the items']);
    expect(drill[1]).toMatchObject({ type: 'Action.Execute', data: { question: 'digest' } });
  });

  it('says "no live cases" instead of a rate when there are none, with no previous period', () => {
    const card = renderFigureCard({
      ...sampleFigure(),
      headline: 'North Team 9: no live cases — at 20 Nov 2026',
      rag: null,
      current: { atText: '20 Nov 2026', rate: null, compliant: 0, total: 0 },
      previous: null,
      breakdown: {
        overall: { compliant: 0, total: 0, rate: null },
        needsAssessment: { compliant: 0, total: 0, rate: null },
        updates: { compliant: 0, total: 0, rate: null },
      },
      drillDown: [],
    });
    expectValidCard(card);
    expect(texts(card)).toEqual(expect.arrayContaining(['no live cases', 'No live cases']));
    expect(JSON.stringify(card)).not.toContain('Previously');
  });

  it('shows a fall in red words', () => {
    const card = renderFigureCard({
      ...sampleFigure(),
      previous: { atText: '31 Oct 2026', rate: 90, compliant: 36, total: 40, change: -2.5 },
    });
    expect(texts(card)).toContain('−2.5 pts vs 31 Oct 2026');
  });
});

describe('renderRankingCard', () => {
  it('lists every unit with its rate and counts', () => {
    const data = sampleRanking();
    const card = renderRankingCard(data);
    expectValidCard(card);
    const shown = texts(card);
    for (const row of data.rows) {
      expect(shown).toContain(row.label);
      expect(shown).toContain(`${row.compliant} of ${row.total}`);
    }
    expect(shown).toContain('80.0%');
  });

  it('cuts a very long list to fit a Teams message and says how many are not shown', () => {
    const card = renderRankingCard(sampleRanking(400));
    expectValidCard(card);
    expect(cardBytes(card)).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
    expect(texts(card).some((t) => /^…and \d+ more teams not shown/.test(t))).toBe(true);
  });

  it('says so when there is nothing to list', () => {
    const card = renderRankingCard({
      ...sampleRanking(),
      rows: [],
      headline: 'No team in North LPA is below 90.0% fully compliant — at 20 Nov 2026',
    });
    expectValidCard(card);
    expect(texts(card)).toContain('No teams to list.');
  });
});

describe('renderTrendCard', () => {
  it('shows each period with its bar, rate and counts, and where the bars start', () => {
    const card = renderTrendCard(sampleTrend());
    expectValidCard(card);
    const shown = texts(card);
    expect(shown).toContain('Jun 2026');
    expect(shown).toContain('84.3% (118/140)');
    expect(shown).toContain('Bars run from 70% to 100%. Target 90.0%.');
  });

  it('shows a period with no live cases without a bar', () => {
    const card = renderTrendCard({ ...sampleTrend(), rows: [{ periodLabel: 'Jun 2026', rate: null, compliant: 0, total: 0, rag: null }] });
    expectValidCard(card);
    expect(texts(card)).toContain('no live cases');
  });

  it('draws bars in proportion above the floor', () => {
    expect(textBar(100, 70)).toBe('█'.repeat(20));
    expect(textBar(85, 70)).toBe('█'.repeat(10) + '░'.repeat(10));
    expect(textBar(50, 70)).toBe('░'.repeat(20));
    expect(barFloor([84.3, 91.7])).toBe(70);
    expect(barFloor([5])).toBe(0);
    expect(barFloor([null])).toBe(0);
  });
});
