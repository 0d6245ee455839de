import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '../../../src/config/load-policy.js';
import { DEFAULT_DIP_QUESTIONS } from '../../../src/domain/dip-policy.js';
import { defaultPolicy, parsePolicy, PolicyError } from '../../../src/domain/policy.js';

function problemsOf(json: unknown): string[] {
  try {
    parsePolicy(json);
  } catch (error) {
    if (error instanceof PolicyError) return error.problems;
    throw error;
  }
  return [];
}

describe('parsePolicy', () => {
  it('has the defaults of the spec', () => {
    expect(defaultPolicy).toEqual({
      timeZone: 'Europe/London',
      needsAssessmentWorkingDays: 2,
      updateIntervalDays: 28,
      dueSoonDays: 3,
      targetRate: 90.0,
      amberMargin: 5.0,
      plannedDateMaxDays: 28,
      quarters: 'calendar',
      referralWorkingDays: 2,
      writtenAcknowledgementWorkingDays: 1,
      decisionUpdateWorkingDays: 5,
      decisionUpdateWorkingDaysEnhanced: 1,
      fullyCompliant: ['needsAssessment', 'updates'],
      digestDuties: ['needsAssessment', 'updates'],
      // The dip-sample audit's keys (issue 16; tests/unit/domain/dip-sample.test.ts).
      dipSampleSize: 10,
      dipSampleUnitLevel: 'team',
      dipSampleCategories: [],
      dipSampleLookBackMonths: 12,
      dipSampleDrawWorkingDay: 1,
      dipSampleClosedWithinDays: 31,
      // Part 4's reminder and overdue days (tests/unit/domain/dip-deadlines.test.ts).
      dipAuditReminderWorkingDay: 15,
      dipAuditOverdueWorkingDay: 'last',
      dipQuestions: DEFAULT_DIP_QUESTIONS,
    });
    expect(parsePolicy({})).toEqual(defaultPolicy);
  });

  it('lets a force override any setting and keeps the defaults for the rest', () => {
    expect(parsePolicy({ updateIntervalDays: 21, targetRate: 92.5, timeZone: 'Europe/Dublin' })).toEqual({
      ...defaultPolicy,
      updateIntervalDays: 21,
      targetRate: 92.5,
      timeZone: 'Europe/Dublin',
    });
    expect(parsePolicy({ needsAssessmentWorkingDays: 0, amberMargin: 0 })).toMatchObject({ needsAssessmentWorkingDays: 0, amberMargin: 0 });
  });

  it('names an unknown key and lists the known ones', () => {
    const problems = problemsOf({ updateIntervalDay: 21 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^updateIntervalDay: is not a policy setting; remove it or correct the spelling \(known keys: timeZone, needsAssessmentWorkingDays, updateIntervalDays/,
    );
  });

  it('names every wrong value at once, with what to send instead', () => {
    const problems = problemsOf({
      timeZone: 'Mars/Olympus',
      needsAssessmentWorkingDays: -1,
      updateIntervalDays: 2.5,
      dueSoonDays: '3',
      targetRate: 101,
      amberMargin: -5,
    });
    expect(problems).toHaveLength(6);
    const text = problems.join('\n');
    expect(text).toMatch(/^timeZone: must be an IANA time zone name, e.g. Europe\/London \(got "Mars\/Olympus"\)$/m);
    expect(text).toMatch(/^needsAssessmentWorkingDays: must be 0 or more days \(got -1\)$/m);
    expect(text).toMatch(/^updateIntervalDays: must be a whole number of days \(got 2.5\)$/m);
    expect(text).toMatch(/^dueSoonDays: must be a number of days .* \(got "3"\)$/m);
    expect(text).toMatch(/^targetRate: must be a percentage from 0 to 100 \(got 101\)$/m);
    expect(text).toMatch(/^amberMargin: must be a percentage from 0 to 100 \(got -5\)$/m);
  });

  it('takes the duties digests list from digestDuties, refusing an unknown, repeated or wrongly typed list', () => {
    expect(parsePolicy({ digestDuties: ['referral', 'decisionUpdates'] }).digestDuties).toEqual(['referral', 'decisionUpdates']);
    const problems = problemsOf;
    expect(problems({ digestDuties: ['needsAssessment', 'referals'] })).toEqual([
      'digestDuties.1: must list obligation ids: needsAssessment, updates, referral, writtenAcknowledgement, decisionUpdates ' +
        '(got ["needsAssessment","referals"])',
    ]);
    expect(problems({ digestDuties: ['referral', 'referral'] })).toEqual([
      'digestDuties: must name each obligation once (got ["referral","referral"])',
    ]);
    expect(problems({ digestDuties: [] })).toEqual(['digestDuties: must name at least one obligation (got [])']);
    expect(problems({ digestDuties: 'referral' })).toEqual([
      'digestDuties: must be a list of obligation ids, e.g. ["needsAssessment", "updates", "referral"] ' +
        '(from needsAssessment, updates, referral, writtenAcknowledgement, decisionUpdates) (got "referral")',
    ]);
  });

  it('refuses a fixed offset: it would ignore DST', () => {
    expect(problemsOf({ timeZone: '+01:00' })[0]).toMatch(/^timeZone: must be an IANA time zone name/);
    expect(problemsOf({ timeZone: 'GMT+1' })[0]).toMatch(/^timeZone: must be an IANA time zone name/);
    expect(parsePolicy({ timeZone: 'UTC' }).timeZone).toBe('UTC');
    expect(parsePolicy({ timeZone: 'America/Argentina/Buenos_Aires' }).timeZone).toBe('America/Argentina/Buenos_Aires');
  });

  it('refuses what is not a JSON object', () => {
    expect(problemsOf([])[0]).toMatch(/must be a JSON object/);
    expect(problemsOf(null)[0]).toMatch(/must be a JSON object/);
    expect(() => parsePolicy('28')).toThrow(/The policy is not valid/);
  });
});

describe('loadPolicy with a policy file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vcop-policy-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uses the defaults without a file', async () => {
    expect((await loadPolicy({})).policy).toEqual(defaultPolicy);
  });

  it('reads a force policy', async () => {
    const file = join(dir, 'policy.json');
    await writeFile(file, JSON.stringify({ updateIntervalDays: 14, dueSoonDays: 5 }));
    expect((await loadPolicy({ policyFile: file })).policy).toEqual({ ...defaultPolicy, updateIntervalDays: 14, dueSoonDays: 5 });
  });

  it('names the file and the problem', async () => {
    const missing = join(dir, 'missing.json');
    await expect(loadPolicy({ policyFile: missing })).rejects.toThrow(`policy file ${missing} does not exist; check the path`);

    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ updateIntervalDays: 14 }');
    await expect(loadPolicy({ policyFile: broken })).rejects.toThrow(new RegExp(`policy file ${broken} is not valid JSON`));

    const invalid = join(dir, 'invalid.json');
    await writeFile(invalid, JSON.stringify({ updateIntervalDays: 0.5, colour: 'blue' }));
    const attempt = loadPolicy({ policyFile: invalid });
    await expect(attempt).rejects.toThrow(new RegExp(`policy file ${invalid} is not valid:`));
    await expect(attempt).rejects.toThrow(/- colour: is not a policy setting/);
    await expect(attempt).rejects.toThrow(/- updateIntervalDays: must be a whole number of days/);
  });
});
