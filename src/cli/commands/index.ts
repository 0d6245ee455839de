import type { Command } from 'commander';
import { registerDigestCommand } from './digest-command.js';

/** Commands contributed by other parts (the bot's `digest`), registered after the core ones. */
export function registerExtraCommands(program: Command): void {
  registerDigestCommand(program);
}
