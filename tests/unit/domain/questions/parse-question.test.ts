import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolvePeriod } from '../../../../src/domain/periods.js';
import { parseQuestion, type Understanding } from '../../../../src/domain/questions/index.js';
import { askerFor, NOW, PEOPLE, TIME_ZONE, UNITS } from '../../../support/example-force.js';

const ask = (persona: string, question: string, withPeople = true): Understanding =>
  parseQuestion(question, {
    asker: askerFor(persona),
    units: UNITS,
    ...(withPeople ? { people: PEOPLE } : {}),
    now: NOW,
    timeZone: TIME_ZONE,
  });

describe('parseQuestion: asking back', () => {
  it('offers one button per fitting unit, each carrying the whole query', () => {
    // An inspector of another area: South LPA and its teams are equal readings from where they sit.
    const understanding = ask('inspector of North LPA', 'south needs assessments last month');
    expect(understanding.kind).toBe('ambiguous');
    if (understanding.kind !== 'ambiguous') return;
    expect(understanding.question).toBe('Which did you mean by "south"?');
    expect(understanding.options.map((o) => o.label)).toEqual(['South LPA', 'South Team 1', 'South Team 2']);
    for (const option of understanding.options) {
      expect(option.query).toMatchObject({
        intent: { kind: 'figure' },
        metric: 'needs_assessment',
        period: { kind: 'month', year: 2026, month: 10 },
      });
    }
    expect(understanding.options[0]!.query.scope).toEqual({ kind: 'unit', unitId: 'S-LPA' });
  });

  it('asks which officer when a surname fits two', () => {
    const understanding = ask('supervisor of North Team 2', 'how is Shah doing on updates?');
    expect(understanding.kind === 'ambiguous' && understanding.options.map((o) => o.label)).toEqual([
      'PC 2101 Amara Shah',
      'DC 2103 Lee Shah',
    ]);
  });
});

describe('parseQuestion: declining', () => {
  it.each([
    ['asdfgh', 'gibberish', ['asdfgh']],
    ['what time is it', 'a question about something else', []],
    ['', 'nothing at all', []],
  ])('"%s" (%s) is not understood, with example questions and the words it could not read', (question, _why, words) => {
    const understanding = ask('senior lead', question);
    const suggestions =
      understanding.kind === 'not_understood' || (understanding.kind === 'unread' && understanding.reading === null)
        ? understanding.suggestions
        : [];
    expect(understanding.kind === 'unread' ? understanding.words : []).toEqual(words);
    expect(suggestions.length).toBeGreaterThanOrEqual(3);
    expect(suggestions.length).toBeLessThanOrEqual(4);
  });

  it.each([
    ['East LPA compliance', 'a unit the force does not have', 'east lpa', ['North LPA', 'South LPA', 'City LPA', 'CID']],
    ['south team 3 updates', 'a team number the area does not have', 'south team 3', []],
    ['PC Khan compliance', 'an officer nobody knows', 'pc khan', []],
  ])('"%s" (%s) is said back as a name the force does not have', (question, _why, said, options) => {
    const understanding = ask('senior lead', question);
    expect(understanding.kind).toBe('unknown_name');
    if (understanding.kind !== 'unknown_name') return;
    expect(understanding.said).toBe(said);
    expect(understanding.options.map((option) => option.label).slice(0, options.length)).toEqual(options);
  });

  it.each([
    ['since 31 February', 'is not a date'],
    ['compliance next month', 'is in the future'],
    ['force figures tomorrow', 'is in the future'],
    ['compliance from 10 Nov to 3 Nov', 'ends (2026-11-03) before it starts'],
  ])('"%s" cannot be answered, and says why', (question, reason) => {
    const understanding = ask('senior lead', question);
    expect(understanding.kind).toBe('cannot_answer');
    expect(understanding.kind === 'cannot_answer' && understanding.reason).toContain(reason);
  });

  it('suggests questions that fit the asker and name real units', () => {
    const senior = ask('senior lead', 'what time is it');
    const officer = ask('officer', 'what time is it');
    expect(senior.kind === 'not_understood' && senior.suggestions.join(' | ')).toContain('North LPA');
    expect(officer.kind === 'not_understood' && officer.suggestions[0]).toBe('my overdue updates');
  });

  it('understands every suggestion it makes', () => {
    for (const persona of ['officer', 'supervisor of North Team 2', 'inspector of South LPA', 'senior lead']) {
      const understanding = ask(persona, 'what time is it');
      if (understanding.kind !== 'not_understood') throw new Error('expected not_understood');
      for (const suggestion of understanding.suggestions) expect(['query', 'help']).toContain(ask(persona, suggestion).kind);
    }
  });
});

describe('parseQuestion: help', () => {
  it.each(['help', 'Help!', '?', 'what can you do?', 'hi', 'help, I am lost'])('"%s" gets the guide', (question) => {
    expect(ask('officer', question)).toEqual({ kind: 'help' });
  });
});

describe('parseQuestion: defaults', () => {
  it('answers now, overall, in the natural scope when the question says only what it is about', () => {
    expect(ask('inspector of South LPA', 'how are things looking?')).toEqual({
      kind: 'query',
      query: { intent: { kind: 'figure' }, metric: 'overall', scope: { kind: 'unit', unitId: 'S-LPA' }, period: { kind: 'now' } },
      assumed: { period: true, place: true },
    });
  });

  it('reads a period alone as a figure for the natural scope', () => {
    expect(ask('senior lead', 'last month')).toEqual({
      kind: 'query',
      query: { intent: { kind: 'figure' }, metric: 'overall', scope: { kind: 'force' }, period: { kind: 'month', year: 2026, month: 10 } },
      assumed: { period: false, place: true },
    });
  });

  it('reads a trend over the month-ends up to now', () => {
    expect(ask('senior lead', 'CID trend since June')).toMatchObject({
      query: { intent: { kind: 'trend', months: 6 }, period: { kind: 'now' } },
    });
  });

  it('answers "compared with last month" now, beside the previous month', () => {
    expect(ask('senior lead', 'force compliance compared with last month')).toMatchObject({
      query: { intent: { kind: 'figure' }, period: { kind: 'now' } },
    });
  });

  it('reads names only when people are given', () => {
    expect(ask('supervisor of North Team 2', 'Tom Okafor compliance')).toMatchObject({
      query: { scope: { kind: 'officer', personId: 'P-2102' } },
    });
    // Without the people, the name is not read: it is named back, never dropped.
    expect(ask('supervisor of North Team 2', 'Tom Okafor compliance', false)).toMatchObject({
      kind: 'unread',
      words: ['tom', 'okafor'],
    });
  });

  it('reads this month from the force time zone, not UTC', () => {
    const justAfterMidnight = new Date('2026-11-30T23:30:00-01:00'); // 00:30 on 1 December in London
    const understanding = parseQuestion('force compliance this month', {
      asker: askerFor('senior lead'),
      units: UNITS,
      now: justAfterMidnight,
      timeZone: TIME_ZONE,
    });
    expect(understanding).toMatchObject({ query: { period: { kind: 'month', year: 2026, month: 12 } } });
  });

  it('does not check authorisation: an officer asking for the force gets the force query', () => {
    expect(ask('officer', 'force compliance')).toMatchObject({ query: { scope: { kind: 'force' } } });
  });
});

describe('parseQuestion: any text', () => {
  const vocabulary = [
    'north',
    'south',
    'city',
    'cid',
    'team',
    'teams',
    'lpa',
    '1',
    '2',
    '3',
    'compliance',
    'needs',
    'assessments',
    'updates',
    'overdue',
    'my',
    'our',
    'force',
    'last',
    'this',
    'month',
    'week',
    'october',
    'q3',
    'since',
    '1',
    'sept',
    'below',
    '85%',
    'best',
    'worst',
    'most',
    'trend',
    '6',
    'months',
    'compare',
    'help',
    'yesterday',
    'pc',
    'shah',
    'n-t3',
    'may',
    'who',
    '?',
  ];
  const sentence = fc.array(fc.constantFrom(...vocabulary), { minLength: 0, maxLength: 12 }).map((words) => words.join(' '));
  const personas = fc.constantFrom('officer', 'supervisor of North Team 2', 'inspector of South LPA', 'inspector of CID', 'senior lead');

  it('always answers with one of its readings, and every query has a period that resolves', () => {
    fc.assert(
      fc.property(personas, fc.oneof(sentence, fc.string({ maxLength: 60 })), (persona, text) => {
        const understanding = ask(persona, text);
        expect(['query', 'ambiguous', 'unread', 'unknown_name', 'cannot_answer', 'help', 'not_understood']).toContain(understanding.kind);
        const queries =
          understanding.kind === 'query'
            ? [understanding.query]
            : understanding.kind === 'ambiguous' || understanding.kind === 'unknown_name'
              ? understanding.options.map((o) => o.query)
              : understanding.kind === 'unread' && understanding.reading
                ? [understanding.reading.query]
                : [];
        if (understanding.kind === 'unread') expect(understanding.words.length).toBeGreaterThan(0);
        for (const query of queries) expect(() => resolvePeriod(query.period, NOW, TIME_ZONE)).not.toThrow();
        if (understanding.kind === 'ambiguous') expect(understanding.options.length).toBeGreaterThanOrEqual(2);
        expect(ask(persona, text)).toEqual(understanding);
      }),
      { numRuns: 400 },
    );
  });

  it('copes with a very long message quickly', () => {
    const long = 'how is north team 3 doing on needs assessments in october '.repeat(150);
    const started = performance.now();
    expect(ask('senior lead', long).kind).toBe('query');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('parseQuestion: a name is never dropped (issue 12)', () => {
  it('names back a person word it did not read as a person, rather than answer for the team', () => {
    const twoToms = [...PEOPLE, { id: 'P-2199', name: 'PC 2199 Tom Reed', unitId: 'N-T2' }];
    const understanding = parseQuestion("Tom's needs assessments this month", {
      asker: askerFor('supervisor of North Team 2'),
      units: UNITS,
      people: twoToms,
      now: NOW,
      timeZone: TIME_ZONE,
    });
    expect(understanding).toMatchObject({ kind: 'unread', words: ['tom'] });
    expect(ask('supervisor of North Team 2', "Tom's needs assessments this month")).toMatchObject({
      kind: 'query',
      query: { scope: { kind: 'officer', personId: 'P-2102' } },
    });
  });
});

describe('parseQuestion: a time to come beside one that can be answered (issue 12)', () => {
  it('offers the reading for the answerable time and names the time to come back, never declining the whole question', () => {
    const understanding = ask('supervisor of North Team 2', 'next week i need to know how the team did in october');
    expect(understanding).toMatchObject({
      kind: 'unread',
      words: ['next week'],
      reading: { query: { scope: { kind: 'unit', unitId: 'N-T2' }, period: { kind: 'month', year: 2026, month: 10 } } },
    });
  });

  it.each([
    ['my review is next week, how did the team do in october', { kind: 'month', year: 2026, month: 10 }],
    ["I've got the PCC meeting on monday: how are we doing", { kind: 'now' }],
  ])('reads the time of a meeting or review as its own, not the figures\': "%s"', (question, period) => {
    expect(ask('supervisor of North Team 2', question)).toMatchObject({ kind: 'query', query: { period } });
  });

  it('still declines a question whose only time is to come', () => {
    expect(ask('supervisor of North Team 2', 'compliance next week')).toMatchObject({ kind: 'cannot_answer', said: 'next week' });
  });

  it('answers "as of today, better or worse than last month" now, beside last month', () => {
    const understanding = ask('senior lead', 'overall compliance as of today and is it better or worse than last month');
    expect(understanding.kind === 'query' && understanding.query.period).toEqual({ kind: 'now' });
  });
});

describe('parseQuestion: shapes the first-reading batches F-H found (issue 12)', () => {
  const queryOf = (understanding: Understanding) => (understanding.kind === 'query' ? understanding.query : understanding);

  it.each([
    ['were we better in october than september for updates?', { kind: 'month', year: 2026, month: 10 }],
    ['september compared with october', { kind: 'month', year: 2026, month: 10 }],
    ['how did we do in october vs november so far', { kind: 'month', year: 2026, month: 11 }],
    ['this quarter vs last', { kind: 'quarter', year: 2026, quarter: 4 }],
  ])('"%s": two periods next to each other are the later, beside the earlier', (question, period) => {
    expect(queryOf(ask('supervisor of North Team 2', question))).toMatchObject({ intent: { kind: 'figure' }, period });
  });

  it('declines two periods apart with the reason, rather than answering the first beside a month not asked about', () => {
    const understanding = ask('supervisor of North Team 2', 'june vs october');
    expect(understanding).toMatchObject({ kind: 'cannot_answer', said: 'june … october' });
  });

  it("compares two officers of one team by name, in their team's list of officers only", () => {
    expect(queryOf(ask('supervisor of North Team 2', 'Tom Okafor vs Lee Shah on NAs'))).toEqual({
      intent: { kind: 'compare_children', only: ['P-2102', 'P-2103'] },
      metric: 'needs_assessment',
      scope: { kind: 'unit', unitId: 'N-T2' },
      period: { kind: 'now' },
    });
  });

  it.each([
    ['whats lee shah got outstanding', { kind: 'officer', personId: 'P-2103' }, 'overall'],
    ['north team 3 referrals still outstanding?', { kind: 'unit', unitId: 'N-T3' }, 'referral'],
  ])('"%s" lists the items, not the figure', (question, scope, metric) => {
    expect(queryOf(ask('senior lead', question))).toEqual({ intent: { kind: 'my_items' }, metric, scope, period: { kind: 'now' } });
  });

  it('lists the items open at the end of a past day: "what did i have outstanding yesterday"', () => {
    expect(queryOf(ask('officer', 'what did i have outstanding yesterday'))).toMatchObject({
      intent: { kind: 'my_items' },
      scope: { kind: 'officer', personId: 'self' },
      period: { kind: 'day', date: '2026-11-19' },
    });
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['inspector of South LPA', 'NA 1-15 nov south team 1', { period: { kind: 'range', from: '2026-11-01', to: '2026-11-15' } }],
    ['inspector of South LPA', 'updates since mid october', { period: { kind: 'since', from: '2026-10-15' } }],
    ['inspector of South LPA', 'trend for south team 2 over the year', { intent: { kind: 'trend', months: 12 } }],
    ['officer', 'lst wk my compliance', { period: { kind: 'week', offset: -1 } }],
    ['supervisor of North Team 2', 'how many victims not told about charge/bail within 5 days', { metric: 'decision_updates' }],
    // The day is when the decision was made: the items due now answer it.
    ['officer', 'any decision updates due? i charged someone yesterday', { intent: { kind: 'my_items' }, period: { kind: 'now' } }],
    ['officer', 'items', { intent: { kind: 'my_items' }, scope: { kind: 'officer', personId: 'self' } }],
    ['officer', 'whens the next one due', { intent: { kind: 'my_items' } }],
    ['senior lead', 'which LPA is dragging us down on decision updates', { intent: { kind: 'rank', order: 'worst', among: 'commands' } }],
    ['inspector of South LPA', 'updates between june and august', { period: { kind: 'range', from: '2026-06-01', to: '2026-08-31' } }],
    ['inspector of South LPA', 'NAs from november to january', { period: { kind: 'range', from: '2025-11-01', to: '2026-01-31' } }],
    ['inspector of South LPA', 'NAs from september to november', { period: { kind: 'range', from: '2026-09-01', to: '2026-11-20' } }],
    [
      'inspector of South LPA',
      'south team 2 month by month june to august',
      { intent: { kind: 'trend', months: 3, through: { year: 2026, month: 8 } } },
    ],
    ['senior lead', 'trend for Q3', { intent: { kind: 'trend', months: 3, through: { year: 2026, month: 9 } } }],
    ['senior lead', 'trend from september to november', { intent: { kind: 'trend', months: 3 } }],
    ['senior lead', 'are we improving on last month', { intent: { kind: 'figure' }, period: { kind: 'now' } }],
    [
      'senior lead',
      'trend for CID over the six months to october',
      { intent: { kind: 'trend', months: 6, through: { year: 2026, month: 10 } } },
    ],
    [
      'senior lead',
      'is north team 3 getting any better aug to oct',
      { intent: { kind: 'trend', months: 3, through: { year: 2026, month: 10 } } },
    ],
    ['supervisor of North Team 2', 'NA rate t2 this month?', { scope: { kind: 'unit', unitId: 'N-T2' }, metric: 'needs_assessment' }],
    ['inspector of South LPA', 'updates for fri 6th nov', { period: { kind: 'day', date: '2026-11-06' } }],
    ['officer', 'what was I like on wed 11th', { period: { kind: 'day', date: '2026-11-11' } }],
    [
      'senior lead',
      'overall compliance for the whole force for jul-sep',
      { period: { kind: 'range', from: '2026-07-01', to: '2026-09-30' } },
    ],
    ['senior lead', 'how was south lpa in the week ending 8 nov', { period: { kind: 'range', from: '2026-11-02', to: '2026-11-08' } }],
    ['senior lead', 'is north lpa better than it was last month', { intent: { kind: 'figure' }, period: { kind: 'now' } }],
    ['inspector of South LPA', 'which team is letting us down on updates', { intent: { kind: 'rank', order: 'worst' } }],
    ['inspector of South LPA', 'this quarter so far for the LPA?', { period: { kind: 'quarter', year: 2026, quarter: 4 } }],
    [
      'inspector of South LPA',
      'is south team 1 above target on NA',
      { intent: { kind: 'figure' }, scope: { kind: 'unit', unitId: 'S-T1' } },
    ],
    ['officer', 'which of my vics still need a referral', { intent: { kind: 'my_items' }, metric: 'referral' }],
    [
      'inspector of South LPA',
      'the performance meeting with the super on monday: how is South doing this month compared with last month',
      { period: { kind: 'month', year: 2026, month: 11 } },
    ],
    [
      'inspector of South LPA',
      'how did the LPA do last week compared with the week before',
      { intent: { kind: 'figure' }, period: { kind: 'week', offset: -1 } },
    ],
    ['officer', 'do i have any referrals i havent done', { intent: { kind: 'my_items' }, metric: 'referral' }],
    ['officer', 'anything due tomorrow', { intent: { kind: 'my_items' }, period: { kind: 'now' } }],
    ['officer', 'my updates yesterday', { intent: { kind: 'figure' }, period: { kind: 'day', date: '2026-11-19' } }],
    [
      'supervisor of North Team 2',
      'is lee keeping up w/ his updates',
      { metric: 'updates', scope: { kind: 'officer', personId: 'P-2103' } },
    ],
    ['senior lead', 'how many victims havent recieved their written acknowledgement', { intent: { kind: 'figure', count: true } }],
  ])('%s: "%s" is read whole', (persona, question, reading) => {
    expect(queryOf(ask(persona, question))).toMatchObject(reading);
  });

  it('asks back who "he" is, offering the sergeant\'s people, and never answers for the team', () => {
    const understanding = ask('supervisor of North Team 2', 'how is he doing');
    expect(understanding.kind).toBe('ambiguous');
    if (understanding.kind !== 'ambiguous') return;
    expect(understanding.question).toBe('Who did you mean by "he"?');
    expect(understanding.options.map((option) => option.query.scope)).toContainEqual({ kind: 'officer', personId: 'P-2102' });
  });
});
