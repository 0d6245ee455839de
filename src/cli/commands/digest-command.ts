import type { Command } from 'commander';
import type { AppServices } from '../../app.js';
import { buildDigestCard } from '../../bot/digest-card-builder.js';
import { readInstant } from '../../domain/evaluation-params.js';
import type { Person } from '../../domain/types.js';
import { UnknownUnitError } from '../../domain/unknown-ids.js';
import { CliError, withServices } from '../cli-context.js';

interface DigestCommandOptions {
  unit: string;
  officer?: string;
  at?: string;
  dryRun?: boolean;
}

export function registerDigestCommand(program: Command): void {
  program
    .command('digest')
    .description(
      "Print the Adaptive Card JSON of a team digest (or one officer's reminder) as the bot would post it.\n" +
        'Nothing is sent: the service posts digests on schedule, or now with POST /v1/digests/run.',
    )
    .requiredOption('--unit <id>', 'team unit id, e.g. N-T3')
    .option('--officer <id>', "only this officer's items: the reminder the officer receives")
    .option('--at <instant>', 'ISO 8601 instant, e.g. 2026-11-20T07:00:00Z (default: now)')
    .requiredOption('--dry-run', 'print the card instead of sending it (required: this command never sends)')
    .action(async (options: DigestCommandOptions) => {
      await withServices(async (services) => {
        const at = instant(options.at, services);
        const viewer = await viewerFor(services, options);
        try {
          const { card } = await buildDigestCard(services, { unitId: options.unit, officerId: options.officer, viewer, at });
          process.stdout.write(`${JSON.stringify(card, null, 2)}\n`);
        } catch (error) {
          if (error instanceof UnknownUnitError)
            throw new CliError(`No unit with id '${options.unit}'. \`vcop figures --unit FORCE --breakdown\` lists units.`, 2);
          throw error;
        }
      });
    });
}

function instant(value: string | undefined, services: AppServices): Date {
  if (value === undefined) return services.clock.now();
  const parsed = readInstant(value);
  if (!parsed.ok) throw new CliError(`--at ${parsed.problem}.`, 2);
  return parsed.instant;
}

/** The card is built for whoever would receive it: the officer for a reminder, else the team's supervisor. */
async function viewerFor(services: AppServices, options: DigestCommandOptions): Promise<Person> {
  if (options.officer) {
    const officer = await services.people.findById(options.officer);
    if (!officer) throw new CliError(`No person with id '${options.officer}'.`, 2);
    return officer;
  }
  const supervisor = (await services.people.listByUnit(options.unit)).find((person) => person.role === 'supervisor');
  if (!supervisor) {
    throw new CliError(
      `Unit '${options.unit}' has no supervisor to receive its digest (or does not exist); give --officer <id> for an officer's reminder.`,
      2,
    );
  }
  return supervisor;
}
