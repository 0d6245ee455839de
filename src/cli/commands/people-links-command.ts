import type { Command } from 'commander';
import { peopleLinksReport } from '../../service/people-links-report.js';
import { PeopleLinksStore } from '../../store/people-links-store.js';
import { CliError, withServices } from '../cli-context.js';

const SECTIONS = ['unlinked', 'unmatched', 'digests'] as const;
type Section = (typeof SECTIONS)[number];

export function registerPeopleLinksCommand(program: Command): void {
  program
    .command('people-links')
    .description(
      'Print, as JSON, who Teams does not know yet and who does not receive digests (the same as GET /v1/people/links):\n' +
        'people in the records no Teams user is linked to, Teams users who could not be matched (ids only, with the\n' +
        'reason), and supervisors and officers whose digests do not reach them, with why.',
    )
    .option('--only <section>', `one part of the report: ${SECTIONS.join(', ')}`)
    .action(async (options: { only?: string }) => {
      const only = sectionOf(options.only);
      await withServices(async (services) => {
        const report = await peopleLinksReport({ store: new PeopleLinksStore(services.db), clock: services.clock });
        const shown =
          only === undefined
            ? report
            : {
                asOf: report.asOf,
                counts: report.counts,
                ...(only === 'unlinked' ? { unlinked: report.unlinked } : {}),
                ...(only === 'unmatched' ? { unmatchedTeamsUsers: report.unmatchedTeamsUsers } : {}),
                ...(only === 'digests' ? { notReceivingDigests: report.notReceivingDigests } : {}),
              };
        process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
      });
    });
}

function sectionOf(value: string | undefined): Section | undefined {
  if (value === undefined) return undefined;
  const section = SECTIONS.find((s) => s === value);
  if (!section) throw new CliError(`--only must be one of ${SECTIONS.join(', ')}, not '${value.slice(0, 40)}'.`, 2);
  return section;
}
