import type { Command } from 'commander';
import { GraphAppInstaller } from '../../graph/graph-app-installer.js';
import { GraphNotConfiguredError, installMissingApps } from '../../service/install-missing-apps.js';
import { CliError, withServices } from '../cli-context.js';

export function registerInstallMissingCommand(program: Command): void {
  program
    .command('install-missing')
    .description(
      'Install the Teams app through Microsoft Graph for supervisors and officers in the records who do not have it\n' +
        '(never installed, or Teams refuses their chat), at most once per person in 20 hours; print the outcome as JSON.\n' +
        'Needs GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET (or GRAPH_CERTIFICATE_PATH) and GRAPH_TEAMS_APP_ID.',
    )
    .option('--dry-run', 'only list who would be installed (works without Graph configured)')
    .action(async (options: { dryRun?: boolean }) => {
      await withServices(async (services) => {
        const graph = services.config.graph;
        const installer = graph ? new GraphAppInstaller(graph, { logger: services.logger }) : undefined;
        try {
          const result = await installMissingApps(
            { db: services.db, clock: services.clock, logger: services.logger, installer },
            { dryRun: options.dryRun === true, trigger: 'cli' },
          );
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        } catch (error) {
          if (error instanceof GraphNotConfiguredError) throw new CliError(error.message, 2);
          throw error;
        }
      });
    });
}
