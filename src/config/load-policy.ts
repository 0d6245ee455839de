import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseBankHolidays, WorkingCalendar } from '../domain/calendar.js';
import { defaultPolicy, parsePolicy, PolicyError, type Policy } from '../domain/policy.js';

/** Ships with the code (England & Wales, gov.uk shape); a force replaces it with VCOP_BANK_HOLIDAYS_FILE. */
const BUNDLED_BANK_HOLIDAYS = fileURLToPath(new URL('./bank-holidays.json', import.meta.url));

export interface LoadPolicyOptions {
  /** A JSON policy; keys left out take the spec's defaults. Absent: the defaults. */
  policyFile?: string | undefined;
  /** gov.uk bank-holidays.json shape. Absent: the bundled England & Wales file. */
  bankHolidaysFile?: string | undefined;
}

/** Reads and validates both files; any problem stops the start with the file's path and what to fix. */
export async function loadPolicy(options: LoadPolicyOptions): Promise<{ policy: Policy; calendar: WorkingCalendar }> {
  const policy = options.policyFile === undefined ? defaultPolicy : await readPolicyFile(options.policyFile);
  const bankHolidaysFile = options.bankHolidaysFile ?? BUNDLED_BANK_HOLIDAYS;
  const json = await readJsonFile(bankHolidaysFile, 'bank-holiday file');
  let calendar: WorkingCalendar;
  try {
    calendar = new WorkingCalendar(parseBankHolidays(json));
  } catch (error) {
    throw new Error(`bank-holiday file ${bankHolidaysFile}: ${messageOf(error)}`, { cause: error });
  }
  return { policy, calendar };
}

async function readPolicyFile(file: string): Promise<Policy> {
  const json = await readJsonFile(file, 'policy file');
  try {
    return parsePolicy(json);
  } catch (error) {
    if (error instanceof PolicyError) {
      throw new Error(`policy file ${file} is not valid:\n${error.problems.map((p) => `  - ${p}`).join('\n')}`, { cause: error });
    }
    throw error;
  }
}

async function readJsonFile(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'does not exist; check the path' : code === 'EACCES' ? 'cannot be read (permission denied)' : messageOf(error);
    throw new Error(`${what} ${file} ${reason}`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${what} ${file} is not valid JSON: ${messageOf(error)}`, { cause: error });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
