import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import type { AllocationConflict } from '../../service/import-records.js';
import { CliError, withServices } from '../cli-context.js';

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'Import an NDJSON extract from the records system (records-format.md). All or nothing: ' +
        'if any line is invalid, nothing is written and every bad line is listed.',
    )
    .argument('<file>', 'NDJSON file, one record per line')
    .option('--no-progress', 'do not draw a progress bar (it is drawn on stderr only when it is a terminal)')
    .addHelpText(
      'after',
      '\nExample:\n  vcop import nightly-extract.ndjson\n\nExit codes: 0 imported, 1 rejected (nothing ' +
        'written), 2 usage or configuration error.',
    )
    .action(async (file: string, options: { progress: boolean }) => {
      const size = await stat(file).then(
        (s) => s.size,
        () => {
          throw new CliError(`Cannot read '${file}': check the path.`, 2);
        },
      );
      const bar =
        options.progress && process.stderr.isTTY
          ? new SingleBar(
              { format: 'importing [{bar}] {percentage}% | {value}/{total} MB | {lines} lines', stream: process.stderr },
              Presets.shades_classic,
            )
          : null;
      bar?.start(Math.max(1, Math.round(size / 1e6)), 0, { lines: 0 });
      let lines = 0;
      // Bytes are counted as the import reads them: a 'data' listener would set the stream flowing while
      // the store opens, and the import would find it already drained.
      async function* counted(): AsyncGenerator<Buffer> {
        let bytes = 0;
        for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
          bytes += chunk.length;
          bar?.update(Math.round(bytes / 1e6), { lines });
          yield chunk;
        }
      }
      const result = await withServices((services) =>
        services.importNdjson(counted(), (read) => {
          lines = read;
        }),
      ).finally(() => bar?.stop());
      if (!result.ok) {
        for (const error of result.errors) process.stdout.write(`line ${error.line}: ${error.message}\n`);
        const hidden = result.errorCount - result.errors.length;
        if (hidden > 0) process.stdout.write(`... and ${hidden} more\n`);
        throw new CliError(`${result.errorCount} of ${result.lines} lines are invalid; nothing was imported.`);
      }
      if (Object.values(result.counts).every((count) => count === 0)) {
        throw new CliError(`'${file}' has no records, only blank lines; nothing was imported.`);
      }
      process.stdout.write(
        `Imported ${result.lines} lines: ${Object.entries(result.counts)
          .map(([type, n]) => `${n} ${type}`)
          .join(', ')}\n`,
      );
      for (const conflict of result.conflicts) process.stdout.write(`${conflictLine(conflict)}\n`);
    });
}

/** One line per disagreement with a Teams reassignment (docs/ARCHITECTURE.md, "A Teams reassignment and a later extract"). */
function conflictLine(conflict: AllocationConflict): string {
  const { from, to, by } = conflict.reassignment;
  const teams = `a Teams reassignment by ${by} (${from.oicId} to ${to.oicId})`;
  return conflict.resolution === 'teams_reassignment_kept'
    ? `case ${conflict.caseId}: the extract still has OIC ${conflict.extract.oicId}; ${teams} stands until ` +
        `the records system shows ${to.oicId}`
    : `case ${conflict.caseId}: the extract's OIC ${conflict.extract.oicId} (${conflict.extract.unitId}) ` +
        `is newer than ${teams} and now stands`;
}
