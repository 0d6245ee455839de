import type { Command } from 'commander';
import { evaluationFromQuery } from '../../api/instant-params.js';
import { HttpError } from '../../api/http-error.js';
import { UnknownUnitError } from '../../store/sql-compliance-queries.js';
import { CliError, withServices } from '../cli-context.js';

export function registerFiguresCommand(program: Command): void {
  program
    .command('figures')
    .description("Print a unit's compliance figures as JSON (the same as GET /v1/units/{id}/compliance).")
    .requiredOption('--unit <id>', 'unit id, e.g. N-T3 or FORCE')
    .option('--at <instant>', 'ISO 8601 instant, e.g. 2026-10-31T23:59:59Z (default: now)')
    .option('--period <YYYY-MM>', 'the snapshot at the end of that month')
    .option('--breakdown', 'figures per child unit (and per officer for a team)')
    .action(async (options: { unit: string; at?: string; period?: string; breakdown?: boolean }) => {
      await withServices(async (services) => {
        try {
          const { at } = evaluationFromQuery({ at: options.at, period: options.period }, services.clock.now(), services.policy.timeZone);
          const figures = options.breakdown
            ? await services.queries.breakdown(options.unit, at)
            : await services.queries.figures(options.unit, at);
          process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
        } catch (error) {
          if (error instanceof HttpError) throw new CliError(error.message, 2);
          if (error instanceof UnknownUnitError) throw new CliError(`No unit with id '${options.unit}'.`, 2);
          throw error;
        }
      });
    });
}
