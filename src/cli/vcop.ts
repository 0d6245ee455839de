import { Command, CommanderError } from 'commander';
import { CliError } from './cli-context.js';
import { registerDipSampleCommand } from './commands/dip-sample-command.js';
import { registerDemoDataCommand } from './commands/demo-data-command.js';
import { registerFiguresCommand } from './commands/figures-command.js';
import { registerImportCommand } from './commands/import-command.js';
import { registerInstallMissingCommand } from './commands/install-missing-command.js';
import { registerPeopleLinksCommand } from './commands/people-links-command.js';
import { registerReportCommand } from './commands/report-command.js';
import { registerExtraCommands } from './commands/index.js';

const program = new Command('vcop')
  .description(
    "Victims' Code compliance service: import records, read figures and digests.\n" +
      'Uses the same configuration as the server (VCOP_DATA_DIR or DATABASE_URL, VCOP_NOW, VCOP_POLICY_FILE).',
  )
  .showHelpAfterError()
  .exitOverride();

registerImportCommand(program);
registerFiguresCommand(program);
registerReportCommand(program);
registerDemoDataCommand(program);
registerPeopleLinksCommand(program);
registerInstallMissingCommand(program);
registerDipSampleCommand(program);
registerExtraCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  if (error instanceof CliError) {
    process.stderr.write(`vcop: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  throw error;
}
