import type { Request } from 'restify';
import { describe, expect, it, vi } from 'vitest';

/** Every comparison goes through crypto.timingSafeEqual; the spy records what it compared. */
const compared = vi.hoisted(() => [] as [number, number][]);
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.push([a.byteLength, b.byteLength]);
      return actual.timingSafeEqual(a, b);
    },
  };
});

const { createBearerCheck } = await import('../../../src/api/bearer-auth.js');
const { HttpError } = await import('../../../src/http/http-error.js');

const TOKEN = 'the-api-token-0123456789abcdef';
const check = createBearerCheck(TOKEN);
const request = (authorization?: string) => ({ headers: authorization === undefined ? {} : { authorization } }) as unknown as Request;

function status(authorization?: string): number {
  try {
    check(request(authorization));
    return 200;
  } catch (error) {
    if (error instanceof HttpError) return error.status;
    throw error;
  }
}

describe('the /v1 bearer token check', () => {
  it('accepts the token, and only the token', () => {
    expect(status(`Bearer ${TOKEN}`)).toBe(200);
    for (const wrong of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.toUpperCase()}`,
      `Bearer x${TOKEN}`,
      `Bearer ${TOKEN} ${TOKEN}`,
      TOKEN,
    ]) {
      expect(status(wrong), String(wrong)).toBe(401);
    }
  });

  it('compares in constant time: fixed-length digests, whatever the length of what was sent', () => {
    compared.length = 0;
    for (const sent of ['x', TOKEN.slice(0, 10), TOKEN, `${TOKEN}${'y'.repeat(500)}`]) status(`Bearer ${sent}`);
    // Four comparisons, all of two 32-byte SHA-256 digests: no early exit on a length difference, no ===.
    expect(compared).toEqual([
      [32, 32],
      [32, 32],
      [32, 32],
      [32, 32],
    ]);
  });
});
