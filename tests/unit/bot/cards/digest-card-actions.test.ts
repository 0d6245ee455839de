import { describe, expect, it } from 'vitest';
import { readAcknowledgeAction, readPageAction, readReassignAction } from '../../../../src/bot/cards/digest-card-actions.js';

describe('reading what the digest buttons send back', () => {
  it('reads an acknowledgement with and without a note', () => {
    expect(readAcknowledgeAction({ itemRef: 'abc', digestId: 'd1' })).toEqual({ ok: true, value: { itemRef: 'abc', digestId: 'd1' } });
    expect(readAcknowledgeAction({ itemRef: 'abc', 'note-abc': '  calling back at 10  ', 'note-xyz': 'other item' })).toEqual({
      ok: true,
      value: { itemRef: 'abc', note: 'calling back at 10' },
    });
    expect(readAcknowledgeAction({ itemRef: 'abc', 'note-abc': '   ' })).toEqual({ ok: true, value: { itemRef: 'abc' } });
  });

  it('reads a reassignment from the inputs of that item only', () => {
    const data = { itemRef: 'abc', digestId: 'd1', 'officer-abc': 'P3456', 'reason-abc': 'OIC on leave', 'officer-xyz': 'P9999' };
    expect(readReassignAction(data)).toEqual({
      ok: true,
      value: { itemRef: 'abc', digestId: 'd1', toOfficerId: 'P3456', reason: 'OIC on leave' },
    });
  });

  it('says what is missing', () => {
    expect(readAcknowledgeAction({})).toMatchObject({ ok: false, problem: expect.stringMatching(/missing the item/) });
    expect(readReassignAction({ itemRef: 'abc', 'reason-abc': 'x' })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/Choose the officer/),
    });
    expect(readReassignAction({ itemRef: 'abc', 'officer-abc': 'P1' })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/Say why/),
    });
  });

  it('reads a page request, defaulting to the first page', () => {
    expect(readPageAction({ offset: 10, digestId: 'd1' })).toEqual({ ok: true, value: { offset: 10, digestId: 'd1' } });
    expect(readPageAction(undefined)).toEqual({ ok: true, value: { offset: 0 } });
    expect(readPageAction({ offset: -3 })).toMatchObject({ ok: false });
  });
});
