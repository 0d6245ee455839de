import { describe, expect, it } from 'vitest';
import { readDipAuditAction, readDipSampleAction } from '../../../../src/bot/cards/index.js';

const REF = { unitId: 'N-T1', period: '2026-11', caseId: 'CR-26-004512' };

describe("the dip-sample cards' buttons", () => {
  it('read the case, submit, and per question the answer chosen and the note (emptied: null)', () => {
    expect(
      readDipAuditAction({
        ...REF,
        submit: true,
        'dipAnswer.codeCompliant': 'Yes',
        'dipAnswer.goodService': '',
        'dipNote.goodService': '  by text only ',
        'dipNote.vpsUsed': '',
        other: 'ignored',
      }),
    ).toEqual({
      ok: true,
      value: {
        ref: REF,
        submit: true,
        changes: [
          { questionId: 'codeCompliant', answer: 'yes' },
          { questionId: 'goodService', note: 'by text only' },
          { questionId: 'vpsUsed', note: null },
        ],
      },
    });
    expect(readDipAuditAction(REF)).toEqual({ ok: true, value: { ref: REF, submit: false, changes: [] } });
  });

  it('refuse an answer that is not Yes, No or Not applicable, a missing case and a forged id', () => {
    expect(readDipAuditAction({ ...REF, 'dipAnswer.codeCompliant': 'maybe' })).toEqual({
      ok: false,
      problem: 'An answer must be Yes, No or Not applicable: choose one and save again.',
    });
    expect(readDipAuditAction({ unitId: 'N-T1', period: '2026-11' }).ok).toBe(false);
    expect(readDipAuditAction({ ...REF, caseId: 'CR-1\u0000' }).ok).toBe(false);
    expect(readDipSampleAction({ unitId: 'N\u0000', period: '2026-11' }).ok).toBe(false);
    expect(readDipSampleAction({ unitId: 'N-LPA', period: 'November' }).ok).toBe(false);
    expect(readDipSampleAction({ unitId: 'N-LPA', period: '2026-11' })).toEqual({
      ok: true,
      value: { unitId: 'N-LPA', period: '2026-11' },
    });
  });
});
