import { describe, expect, it } from 'vitest';
import {
  actedAtText,
  asOfText,
  changeText,
  compactFigureText,
  dateLabel,
  figureText,
  headline,
  metricHeadline,
  percentText,
  rateText,
  withNote,
} from '../../../src/domain/wording.js';

const LONDON = 'Europe/London';

describe('how rates read', () => {
  it('says a rate with one decimal, and no live cases rather than 0% or 100%', () => {
    expect(rateText(87.5)).toBe('87.5%');
    expect(rateText(100)).toBe('100.0%');
    expect(rateText(null)).toBe('no live cases');
    expect(percentText(90)).toBe('90.0%');
  });

  it('gives the counts behind a rate', () => {
    expect(figureText(87.5, 35, 40)).toBe('87.5% (35 of 40)');
    expect(figureText(null, 0, 0)).toBe('no live cases');
    expect(compactFigureText(87.5, 35, 40)).toBe('87.5% (35/40)');
    expect(compactFigureText(null, 0, 0)).toBe('no live cases');
  });

  it('says a change in points, with a minus sign, and no change at 0', () => {
    expect(changeText(2.1)).toBe('+2.1 pts');
    expect(changeText(-0.4)).toBe('−0.4 pts');
    expect(changeText(0)).toBe('no change');
    expect(changeText(null)).toBeNull();
  });
});

describe('headlines', () => {
  it('gives the digest card its headline when no date is given', () => {
    expect(headline('North Team 3', { rate: 87.5, compliant: 35, total: 40 })).toBe(
      'North Team 3: 87.5% fully compliant — 35 of 40 victims',
    );
    expect(headline('North Team 3', { rate: null, compliant: 0, total: 0 })).toBe('North Team 3: no live cases');
  });

  it('says the date after the figures when given', () => {
    expect(headline('North Team 3', { rate: 87.5, compliant: 35, total: 40 }, '20 Nov 2026')).toBe(
      'North Team 3: 87.5% fully compliant — 35 of 40 victims — at 20 Nov 2026',
    );
    expect(headline('North Team 3', { rate: null, compliant: 0, total: 0 }, '20 Nov 2026')).toBe(
      'North Team 3: no live cases — at 20 Nov 2026',
    );
  });

  it('says how many are in breach for the updates and needs-assessment metrics', () => {
    const figures = { rate: 80, compliant: 32, total: 40, inBreach: 8 };
    expect(metricHeadline('North Team 3', figures, 'updates', '20 Nov 2026')).toBe(
      'North Team 3: 80.0% updated on time — 32 of 40 victims, 8 overdue an update — at 20 Nov 2026',
    );
    expect(metricHeadline('North Team 3', figures, 'needs_assessment', '20 Nov 2026')).toBe(
      'North Team 3: 80.0% needs assessments done — 32 of 40 victims, 8 missing — at 20 Nov 2026',
    );
    expect(metricHeadline('North Team 3', figures, 'overall', '20 Nov 2026')).toBe(
      'North Team 3: 80.0% fully compliant — 32 of 40 victims — at 20 Nov 2026',
    );
  });

  it('adds a note in brackets only when there is one', () => {
    expect(withNote('Your items: 1 overdue, 0 due soon — at 20 Nov 2026', '1 item in another team is not shown')).toBe(
      'Your items: 1 overdue, 0 due soon — at 20 Nov 2026 (1 item in another team is not shown)',
    );
    expect(withNote('North Team 3: no live cases', null)).toBe('North Team 3: no live cases');
  });
});

describe('dates and times on the force clock', () => {
  it('labels an instant with its local date, also just after midnight in summer time', () => {
    expect(dateLabel(new Date('2026-11-20T07:00:00Z'), LONDON)).toBe('20 Nov 2026');
    expect(dateLabel(new Date('2026-06-30T23:30:00Z'), LONDON)).toBe('1 Jul 2026');
  });

  it('says when a card was made, and when an action was taken: the time alone on the same day', () => {
    const morning = new Date('2026-11-20T07:00:00Z');
    expect(asOfText(morning, LONDON)).toBe('07:00 Fri 20 Nov 2026');
    expect(actedAtText(new Date('2026-11-20T07:42:00Z'), morning, LONDON)).toBe('07:42');
    expect(actedAtText(new Date('2026-11-19T07:42:00Z'), morning, LONDON)).toBe('07:42 Thu 19 Nov');
  });
});
