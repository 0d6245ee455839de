import { describe, expect, it } from 'vitest';
import { readDipAudit } from '../../../../src/domain/questions/dip-audit-words.js';
import { parseQuestion, type Understanding } from '../../../../src/domain/questions/index.js';
import { askerFor, NOW, PEOPLE, TIME_ZONE, UNITS } from '../../../support/example-force.js';

/** Questions about the dip-sample audits (issue 16 part 3), asked on Fri 20 Nov 2026 in the example force. */
const ask = (persona: string, question: string): Understanding =>
  parseQuestion(question, { asker: askerFor(persona), units: UNITS, people: PEOPLE, now: NOW, timeZone: TIME_ZONE });

const INSPECTOR = 'inspector of North LPA';

describe('parseQuestion: dip-sample audits', () => {
  it.each([
    [
      'dip sample results for North LPA this quarter',
      'results',
      { kind: 'unit', unitId: 'N-LPA' },
      { kind: 'quarter', year: 2026, quarter: 4 },
    ],
    ['audit results last month', 'results', { kind: 'unit', unitId: 'N-LPA' }, { kind: 'month', year: 2026, month: 10 }],
    ['how did the dip sample go in October', 'results', { kind: 'unit', unitId: 'N-LPA' }, { kind: 'month', year: 2026, month: 10 }],
    ['how many audits are outstanding', 'outstanding', { kind: 'unit', unitId: 'N-LPA' }, { kind: 'now' }],
    ['how many dip samples are left to do', 'outstanding', { kind: 'unit', unitId: 'N-LPA' }, { kind: 'now' }],
    ['which cases were marked compliant but failed the audit', 'box_ticked', { kind: 'unit', unitId: 'N-LPA' }, { kind: 'now' }],
    ['dip audits for North Team 1 this month', 'results', { kind: 'unit', unitId: 'N-T1' }, { kind: 'month', year: 2026, month: 11 }],
  ])('reads "%s" as the %s of the audits', (question, show, scope, period) => {
    const understanding = ask(INSPECTOR, question);
    expect(understanding).toMatchObject({
      kind: 'query',
      query: { intent: { kind: 'dip_audit', show }, metric: 'overall', scope, period },
    });
  });

  it('reads "% good service" as the results led by good service, for the unit named', () => {
    expect(ask('senior lead', '% good service in the audits for South Team 1')).toEqual({
      kind: 'query',
      query: {
        intent: { kind: 'dip_audit', show: 'results', lead: 'good_service' },
        metric: 'overall',
        scope: { kind: 'unit', unitId: 'S-T1' },
        period: { kind: 'now' },
      },
      assumed: { period: true, place: false },
    });
  });

  it("says when the place was the asker's own (no unit named)", () => {
    expect(ask(INSPECTOR, 'how many audits are outstanding')).toMatchObject({ kind: 'query', assumed: { period: true, place: true } });
  });

  it("reads a sergeant's question as about their own team (the answerer refuses it, with the reason)", () => {
    expect(ask('supervisor of North Team 2', 'dip sample results')).toMatchObject({
      kind: 'query',
      query: { intent: { kind: 'dip_audit' }, scope: { kind: 'unit', unitId: 'N-T2' } },
    });
  });

  it('still names back a word no reader read', () => {
    expect(ask(INSPECTOR, 'dip sample results for North LPA flibbertigibbet')).toMatchObject({
      kind: 'unread',
      words: ['flibbertigibbet'],
    });
  });

  it('leaves questions that name neither the dip sample nor an audit as they were read before', () => {
    expect(readDipAudit('how many updates are outstanding')).toBeNull();
    expect(ask(INSPECTOR, 'how many updates are outstanding')).toMatchObject({
      kind: 'query',
      query: { intent: { kind: 'figure', count: true } },
    });
    expect(ask(INSPECTOR, 'which cases are not compliant')).toMatchObject({ kind: 'query', query: { intent: { kind: 'my_items' } } });
    expect(ask(INSPECTOR, 'show me some examples')).not.toMatchObject({ query: { intent: { kind: 'dip_audit' } } });
  });
});
