import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type AppServices } from '../../../../src/app.js';
import { readConfig } from '../../../../src/config/env.js';
import { createLogger } from '../../../../src/log/logger.js';
import { choosePeople, listPeople, peopleWithTeamsIds } from '../../../../scripts/playground/people.js';
import { PlaygroundError } from '../../../../scripts/playground/playground-error.js';

/** A small force: two teams, a clerk with no Teams id, an Entra id written in capitals. */
const FORCE = [
  { type: 'unit', id: 'FORCE', name: 'Example Constabulary', kind: 'force', parentId: null },
  { type: 'unit', id: 'N-LPA', name: 'North LPA', kind: 'command', parentId: 'FORCE' },
  { type: 'unit', id: 'N-T1', name: 'North Team 1', kind: 'team', parentId: 'N-LPA' },
  { type: 'unit', id: 'N-T2', name: 'North Team 2', kind: 'team', parentId: 'N-LPA' },
  { type: 'person', id: 'P5', name: 'PC 2005 Jones', unitId: 'N-T2', role: 'officer', aadObjectId: 'aad-p5' },
  {
    type: 'person',
    id: 'P1',
    name: 'Insp 3001 Khan',
    unitId: 'N-LPA',
    role: 'inspector',
    aadObjectId: 'aad-p1',
    email: 'khan@example.police.uk',
  },
  {
    type: 'person',
    id: 'P2',
    name: 'PS 1002 Evans',
    unitId: 'N-T2',
    role: 'supervisor',
    aadObjectId: 'AAD-P2',
    email: 'evans@example.police.uk',
  },
  { type: 'person', id: 'P3', name: 'Clerk 4003 Hughes', unitId: 'N-T1', role: 'officer' },
  { type: 'person', id: 'P4', name: 'PC 2004 Patel', unitId: 'N-T1', role: 'officer', aadObjectId: 'aad-p4' },
];

describe('the people npm run playground lets you be', () => {
  let services: AppServices;

  beforeAll(async () => {
    const config = readConfig({ VCOP_DATA_DIR: 'memory://', VCOP_DEMO: '0', VCOP_NOW: '2026-11-20T07:30:00Z', LOG_LEVEL: 'silent' });
    services = await createServices(config, createLogger({ level: 'silent' }));
    const result = await services.importNdjson(Readable.from(FORCE.map((record) => `${JSON.stringify(record)}\n`)));
    expect(result.ok).toBe(true);
  });
  afterAll(async () => {
    await services?.db.close();
  });

  it("are everyone with a Teams id, by id, with their unit's name and work email", async () => {
    expect(await peopleWithTeamsIds(services)).toEqual([
      {
        id: 'P1',
        name: 'Insp 3001 Khan',
        role: 'inspector',
        unitId: 'N-LPA',
        unitName: 'North LPA',
        aadObjectId: 'aad-p1',
        email: 'khan@example.police.uk',
      },
      {
        id: 'P2',
        name: 'PS 1002 Evans',
        role: 'supervisor',
        unitId: 'N-T2',
        unitName: 'North Team 2',
        aadObjectId: 'aad-p2',
        email: 'evans@example.police.uk',
      },
      { id: 'P4', name: 'PC 2004 Patel', role: 'officer', unitId: 'N-T1', unitName: 'North Team 1', aadObjectId: 'aad-p4', email: null },
      { id: 'P5', name: 'PC 2005 Jones', role: 'officer', unitId: 'N-T2', unitName: 'North Team 2', aadObjectId: 'aad-p5', email: null },
    ]);
  });

  it('default to the first supervisor, with their own team first among the colleagues', async () => {
    const { user, colleagues } = choosePeople(await peopleWithTeamsIds(services), undefined);
    expect(user.id).toBe('P2');
    expect(colleagues.map((person) => person.id)).toEqual(['P5', 'P1', 'P4']);
  });

  it('refuse an --as without a Teams id, listing who you can be', async () => {
    const members = await peopleWithTeamsIds(services);
    expect(listPeople(members)).toBe(
      '  P1       inspector  Insp 3001 Khan, North LPA\n  P2       supervisor PS 1002 Evans, North Team 2\n  ... and 2 officers, e.g. P4, P5\n',
    );
    expect(() => choosePeople(members, 'P3')).toThrow(PlaygroundError);
    expect(() => choosePeople(members, 'P3')).toThrow(
      /No person 'P3' with a Teams id \(aadObjectId\) in the store\. People you can be \(--as\):\n {2}P1 /,
    );
  });
});
