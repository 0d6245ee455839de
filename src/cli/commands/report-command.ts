import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { buildPerformanceReport } from '../../service/build-performance-report.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../../service/report/render-report.js';
import { CliError, withServices } from '../cli-context.js';

interface ReportCommandOptions {
  period?: string;
  format: ReportFormat;
  out?: string;
}

/** `vcop report <unitId> --period YYYY-MM`: the same pack as GET /v1/units/{id}/report, to stdout or a file. */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description(
      'Write the performance report of a unit and its child units for a month: every duty beside the previous month,\n' +
        'with RAG and the change in points (the same as GET /v1/units/{id}/report). Exit 2 for a bad period or an unknown unit.',
    )
    .argument('<unitId>', 'unit id, e.g. N-LPA or FORCE')
    .requiredOption('--period <YYYY-MM>', 'the month: its end, or now while it runs, beside the previous month')
    .addOption(new Option('--format <format>', 'json, csv, or html (one printable A4 page)').choices(REPORT_FORMATS).default('json'))
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .action(async (unitId: string, options: ReportCommandOptions) => {
      await withServices(async (services) => {
        const result = await buildPerformanceReport(services, { unitId, period: options.period, now: services.clock.now() });
        switch (result.kind) {
          case 'bad_period':
            throw new CliError(`--period ${result.problem}.`, 2);
          case 'unknown_unit':
            throw new CliError(`No unit with id '${unitId}'. \`vcop figures --unit FORCE --breakdown\` lists units.`, 2);
          case 'report': {
            const { body } = renderReport(result.report, options.format);
            if (options.out === undefined) {
              process.stdout.write(body);
              return;
            }
            await writeOut(options.out, body);
            process.stderr.write(
              `vcop: wrote the ${options.format} report of ${unitId} for ${result.report.period.label} to ${options.out}\n`,
            );
          }
        }
      });
    });
}

async function writeOut(path: string, body: string): Promise<void> {
  try {
    await writeFile(path, body, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an error';
    throw new CliError(`Could not write ${path} (${code}): give --out a path in a folder that exists and you can write to.`, 1);
  }
}
