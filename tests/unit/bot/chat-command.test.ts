import { describe, expect, it } from 'vitest';
import { parseChatCommand, readLocalTime } from '../../../src/bot/chat-command.js';

describe('parseChatCommand', () => {
  it.each([
    ['help', { kind: 'help' }],
    ['  Digest ', { kind: 'digest' }],
    ['my items', { kind: 'myItems' }],
    ['digest at 06:30', { kind: 'digestAt', localTime: '06:30' }],
    ['digest at 6.30pm', { kind: 'digestAt', localTime: '18:30' }],
    ['digest off', { kind: 'digestOff' }],
    ['digest at 25:00', { kind: 'badTime', given: '25:00' }],
    ['subscribe North Team 3 at 07:30', { kind: 'subscribe', unitName: 'North Team 3', localTime: '07:30' }],
    ['subscribe North Team 3', { kind: 'subscribe', unitName: 'North Team 3', localTime: null }],
    ['which teams are below target?', { kind: 'question', text: 'which teams are below target?' }],
  ])('%s', (text, expected) => {
    expect(parseChatCommand(text)).toEqual(expected);
  });

  it('reads only times of day', () => {
    expect(['7', '12am', '0630', '23:59', '24:00', '7:60', 'noon'].map(readLocalTime)).toEqual([
      null,
      '00:00',
      '06:30',
      '23:59',
      null,
      null,
      null,
    ]);
  });
});

describe('shift and cover commands', () => {
  it('reads days, quiet hours, time away and the deputy', () => {
    expect(parseChatCommand('digest days mon-fri')).toEqual({ kind: 'digestDays', days: 0b0011111 });
    expect(parseChatCommand('days every day')).toEqual({ kind: 'digestDays', days: 127 });
    expect(parseChatCommand('digest days someday')).toEqual({ kind: 'badDays', given: 'someday' });
    expect(parseChatCommand('quiet hours 22:00-06:00')).toEqual({ kind: 'quietHours', quiet: { from: '22:00', until: '06:00' } });
    expect(parseChatCommand('quiet 10pm to 6am')).toEqual({ kind: 'quietHours', quiet: { from: '22:00', until: '06:00' } });
    expect(parseChatCommand('quiet hours off')).toEqual({ kind: 'quietHours', quiet: null });
    expect(parseChatCommand('quiet hours 25:00-06:00')).toEqual({ kind: 'badTime', given: '25:00-06:00' });
    expect(parseChatCommand('away until Mon 30 Nov')).toEqual({ kind: 'cover', command: { kind: 'awayUntil', given: 'mon 30 nov' } });
    expect(parseChatCommand("I'm back")).toEqual({ kind: 'cover', command: { kind: 'back' } });
    expect(parseChatCommand('deputy PS 2345')).toEqual({ kind: 'cover', command: { kind: 'deputy', who: 'PS 2345' } });
    expect(parseChatCommand('cover: PC Smith')).toEqual({ kind: 'cover', command: { kind: 'deputy', who: 'PC Smith' } });
    expect(parseChatCommand('deputy off')).toEqual({ kind: 'cover', command: { kind: 'deputy', who: null } });
  });

  it('reads the weekly summary commands', () => {
    expect(parseChatCommand('weekly on')).toEqual({ kind: 'weekly', command: { kind: 'on', weekday: 1, localTime: '08:00' } });
    expect(parseChatCommand('weekly at tue 09:00')).toEqual({ kind: 'weekly', command: { kind: 'on', weekday: 2, localTime: '09:00' } });
    expect(parseChatCommand('weekly summary at 7am')).toEqual({ kind: 'weekly', command: { kind: 'on', weekday: 1, localTime: '07:00' } });
    expect(parseChatCommand('weekly off')).toEqual({ kind: 'weekly', command: { kind: 'off' } });
  });

  it('reads the dip sample command, with a month or without (issue 16)', () => {
    expect(parseChatCommand('dip sample')).toEqual({ kind: 'dipSample', period: null });
    expect(parseChatCommand('Dip samples.')).toEqual({ kind: 'dipSample', period: null });
    expect(parseChatCommand('dip-sample for 2026-10')).toEqual({ kind: 'dipSample', period: '2026-10' });
    expect(parseChatCommand('dip sample october')).toEqual({ kind: 'dipSample', period: 'october' });
    expect(parseChatCommand('dip sample results for North LPA')).toEqual({ kind: 'question', text: 'dip sample results for North LPA' });
  });

  it('reads the dip delegate command: a person as typed, or none (issue 16)', () => {
    expect(parseChatCommand('dip delegate PS 1001')).toEqual({ kind: 'dipDelegate', who: 'PS 1001' });
    expect(parseChatCommand('Dip delegate: Dan Okoro.')).toEqual({ kind: 'dipDelegate', who: 'Dan Okoro' });
    expect(parseChatCommand('dip delegate none')).toEqual({ kind: 'dipDelegate', who: null });
    expect(parseChatCommand('no dip delegate')).toEqual({ kind: 'dipDelegate', who: null });
  });

  it('leaves "dip sample results" and "dip sample outstanding" to the questions about the audits', () => {
    expect(parseChatCommand('dip sample results')).toEqual({ kind: 'question', text: 'dip sample results' });
    expect(parseChatCommand('Dip sample outstanding?')).toEqual({ kind: 'question', text: 'Dip sample outstanding?' });
  });

  it('leaves questions that start with a command word as questions', () => {
    expect(parseChatCommand('weekly figures north')).toEqual({ kind: 'question', text: 'weekly figures north' });
    expect(parseChatCommand('days overdue in North Team 3')).toEqual({ kind: 'question', text: 'days overdue in North Team 3' });
  });
});
