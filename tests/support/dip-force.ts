/**
 * A force for dip-sample tests: North LPA with two teams (30 cases in North Team 1, 12 in North Team 2)
 * and South LPA with one, over five categories; some cases closed long ago, some a week before the
 * November draw (Mon 2 Nov 2026). Every third live case of North Team 1 (CR-N-T1-001, -004, ...) was assessed and
 * updated in time, so the records call it fully compliant at the draw. Inspectors P5 (North) and P8 (South).
 */
export const DIP_CATEGORIES = ['violence', 'domestic abuse', 'RASSO', 'hate', 'serious acquisitive'];

export function dipForceNdjson(): string {
  const lines: object[] = [
    { type: 'unit', id: 'FORCE', name: 'Test Force', kind: 'force', parentId: null },
    { type: 'unit', id: 'N-LPA', name: 'North LPA', kind: 'command', parentId: 'FORCE' },
    { type: 'unit', id: 'N-T1', name: 'North Team 1', kind: 'team', parentId: 'N-LPA' },
    { type: 'unit', id: 'N-T2', name: 'North Team 2', kind: 'team', parentId: 'N-LPA' },
    { type: 'unit', id: 'S-LPA', name: 'South LPA', kind: 'command', parentId: 'FORCE' },
    { type: 'unit', id: 'S-T1', name: 'South Team 1', kind: 'team', parentId: 'S-LPA' },
    { type: 'person', id: 'P1', name: 'PS 1001 Smith', unitId: 'N-T1', role: 'supervisor', aadObjectId: 'aad-p1' },
    { type: 'person', id: 'P2', name: 'PC 2002 Patel', unitId: 'N-T1', role: 'officer', aadObjectId: 'aad-p2' },
    { type: 'person', id: 'P3', name: 'PC 2003 Jones', unitId: 'N-T2', role: 'officer', aadObjectId: 'aad-p3' },
    { type: 'person', id: 'P5', name: 'Insp 3005 Khan', unitId: 'N-LPA', role: 'inspector', aadObjectId: 'aad-p5' },
    { type: 'person', id: 'P6', name: 'PC 2006 Hughes', unitId: 'S-T1', role: 'officer', aadObjectId: 'aad-p6' },
    { type: 'person', id: 'P7', name: 'Supt 4007 Ward', unitId: 'FORCE', role: 'senior', aadObjectId: 'aad-p7' },
    { type: 'person', id: 'P8', name: 'Insp 3008 Lewis', unitId: 'S-LPA', role: 'inspector', aadObjectId: 'aad-p8' },
  ];
  const teams: [string, string, number][] = [
    ['N-T1', 'P2', 30],
    ['N-T2', 'P3', 12],
    ['S-T1', 'P6', 8],
  ];
  for (const [unitId, oicId, count] of teams) {
    for (let i = 0; i < count; i += 1) {
      const id = `CR-${unitId}-${String(i + 1).padStart(3, '0')}`;
      const day = 1 + (i % 28);
      // Every 7th closed in August (out of the pool), every 9th closed on 26 Oct (in it: within 31 days).
      const closedAt = i % 7 === 6 ? '2026-08-20T12:00:00Z' : i % 9 === 8 ? '2026-10-26T12:00:00Z' : null;
      lines.push({
        type: 'case',
        id,
        recordedAt: `2026-${closedAt?.startsWith('2026-08') ? '07' : i % 2 === 0 ? '09' : '10'}-${String(day).padStart(2, '0')}T09:00:00Z`,
        offence: 'Offence',
        category: DIP_CATEGORIES[i < count / 2 ? 0 : i % DIP_CATEGORIES.length],
        unitId,
        oicId,
        closedAt,
      });
      lines.push({ type: 'victim', id: `V-${id}`, caseId: id, enhanced: i % 5 === 0 });
      // Every third case of North Team 1 was looked after: assessed the next day, updated on 25 Oct.
      if (unitId === 'N-T1' && i % 3 === 0 && closedAt === null) {
        const next = `2026-${i % 2 === 0 ? '09' : '10'}-${String(day + 1).padStart(2, '0')}T09:00:00Z`;
        lines.push({ type: 'needsAssessment', victimId: `V-${id}`, completedAt: next, referralWanted: false });
        lines.push({
          type: 'contact',
          id: `UPD-${id}`,
          victimId: `V-${id}`,
          at: '2026-10-25T12:00:00Z',
          kind: 'update',
          method: 'phone',
          byId: oicId,
        });
      }
    }
  }
  return `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
}

/** A hate crime recorded before the November draw, imported after November's sample was drawn. */
export function lateCaseNdjson(id: string): string {
  return [
    {
      type: 'case',
      id,
      recordedAt: '2026-10-30T09:00:00Z',
      offence: 'Offence',
      category: 'hate',
      unitId: 'N-T1',
      oicId: 'P2',
      closedAt: null,
    },
    { type: 'victim', id: `V-${id}`, caseId: id, enhanced: false },
  ]
    .map((line) => JSON.stringify(line))
    .join('\n');
}
