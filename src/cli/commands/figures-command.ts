import type { Command } from 'commander';
import { readEvaluation } from '../../domain/evaluation-params.js';
import { promiseFiguresAt } from '../../service/promise-figures.js';
import { UnknownUnitError } from '../../domain/unknown-ids.js';
import { CliError, withServices } from '../cli-context.js';

export function registerFiguresCommand(program: Command): void {
  program
    .command('figures')
    .description("Print a unit's compliance figures and promises as JSON (the same as GET /v1/units/{id}/compliance at that instant).")
    .requiredOption('--unit <id>', 'unit id, e.g. N-T3 or FORCE')
    .option('--at <instant>', 'ISO 8601 instant, e.g. 2026-10-31T23:59:59Z (default: now)')
    .option('--period <YYYY-MM>', 'the snapshot at the end of that month')
    .option('--breakdown', 'figures per child unit (and per officer for a team)')
    .action(async (options: { unit: string; at?: string; period?: string; breakdown?: boolean }) => {
      await withServices(async (services) => {
        try {
          const reading = readEvaluation({ at: options.at, period: options.period }, services.clock.now(), services.policy.timeZone);
          if (!reading.ok)
            throw new CliError(
              reading.param === 'both' ? 'Give either --at or --period, not both.' : `--${reading.param} ${reading.problem}.`,
              2,
            );
          const { at } = reading;
          const figures = options.breakdown
            ? await services.queries.breakdown(options.unit, at)
            : {
                ...(await services.queries.figures(options.unit, at)),
                promises: (await promiseFiguresAt(services.queries, { kind: 'unit', unitId: options.unit }, at)).promises,
              };
          process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
        } catch (error) {
          if (error instanceof UnknownUnitError) throw new CliError(`No unit with id '${options.unit}'.`, 2);
          throw error;
        }
      });
    });
}
