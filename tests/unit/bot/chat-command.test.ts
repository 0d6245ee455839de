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
