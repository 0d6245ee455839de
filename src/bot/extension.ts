import type { AppExtension } from '../app.js';
import type { AppConfig } from '../config/env.js';

/** The Teams bot and its scheduler, plugged into the application (src/main.ts). */
export function botExtensions(_config: AppConfig): AppExtension[] {
  return [];
}
