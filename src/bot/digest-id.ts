import type { DigestView } from '../service/build-digest.js';

export type { DigestView };

/** A digest view as its card's buttons echo it (`digestId`). */
export function digestIdOf(view: DigestView): string {
  return view.kind === 'team' ? `team:${view.unitId}` : `officer:${view.officerId}`;
}

export function parseDigestId(digestId: string | undefined): DigestView | null {
  const match = /^(team|officer):(.{1,200})$/.exec(digestId ?? '');
  if (!match) return null;
  return match[1] === 'team' ? { kind: 'team', unitId: match[2] as string } : { kind: 'officer', officerId: match[2] as string };
}
