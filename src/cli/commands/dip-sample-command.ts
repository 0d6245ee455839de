import type { Command } from 'commander';
import { parseMonthParam } from '../../domain/periods.js';
import { dayText } from '../../domain/wording.js';
import { currentDipPeriod, dipSampleOf } from '../../service/dip-sample.js';
import { dipSampleJson } from '../../service/dip-sample-json.js';
import { CliError, withServices } from '../cli-context.js';

export function registerDipSampleCommand(program: Command): void {
  program
    .command('dip-sample')
    .description(
      "Print a unit's dip sample for a month as JSON (the same as GET /v1/units/{id}/dip-sample): drawn once, on the " +
        "month's draw day, and the same every time it is asked.",
    )
    .requiredOption('--unit <id>', 'unit id, e.g. N-LPA (a command: its teams) or N-T3')
    .option('--period <YYYY-MM>', "the month (default: this month once its draw day has come, else last month's)")
    .action(async (options: { unit: string; period?: string }) => {
      if (options.period !== undefined && !parseMonthParam(options.period)) {
        throw new CliError(`--period must be a month YYYY-MM, e.g. 2026-11 (got '${options.period.slice(0, 20)}').`, 2);
      }
      await withServices(async (services) => {
        const period = options.period ?? currentDipPeriod(services);
        const result = await dipSampleOf(services, options.unit, period);
        switch (result.kind) {
          case 'unknown_unit':
            throw new CliError(`No unit with id '${options.unit.slice(0, 80)}'.`, 2);
          case 'not_drawn_yet':
            throw new CliError(`The ${period} sample is drawn on ${dayText(result.drawOn)} ${result.drawOn.slice(0, 4)}.`);
          case 'below_level':
            throw new CliError(
              `Dip samples are drawn per ${result.level}${result.sampledUnit ? `: ask for --unit ${result.sampledUnit.id}` : ''}.`,
              2,
            );
          case 'sample':
            process.stdout.write(`${JSON.stringify(dipSampleJson(result), null, 2)}\n`);
        }
      });
    });
}
