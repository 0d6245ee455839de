import type { Command } from 'commander';

/** Commands contributed by other parts (the bot's `digest`), registered after the core ones. */
export function registerExtraCommands(_program: Command): void {}
