/**
 * Which digest a card shows, echoed by its buttons (`digestId`) so "show more" and a refresh rebuild the
 * same view. It only selects the view: whether the person pressing may see it is decided on the server.
 */
export type DigestView = { kind: 'team'; unitId: string } | { kind: 'officer'; officerId: string };

export function digestIdOf(view: DigestView): string {
  return view.kind === 'team' ? `team:${view.unitId}` : `officer:${view.officerId}`;
}

export function parseDigestId(digestId: string | undefined): DigestView | null {
  const match = /^(team|officer):(.{1,200})$/.exec(digestId ?? '');
  if (!match) return null;
  return match[1] === 'team' ? { kind: 'team', unitId: match[2] as string } : { kind: 'officer', officerId: match[2] as string };
}
