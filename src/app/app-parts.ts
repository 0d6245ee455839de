import type { Server } from 'restify';
import type { AppConfig } from '../config/env.js';
import type { Route } from '../http/route.js';
import type { ServiceContext } from '../service/service-context.js';
import type { StoreHealth } from '../store/store-watch.js';

/*
 * The shapes of the running application, apart from src/app.ts that builds them: the extensions beside it in
 * src/app/ import these, not app.ts, so app.ts may import src/app/ without the two folders importing each other.
 */

/** Everything the running application is made of; tests build it with their own config and clock. */
export interface AppServices extends ServiceContext {
  config: AppConfig;
  /** Whether the store is usable and not stuck (store-watch.ts). */
  storeHealth(): StoreHealth;
  apiToken: string;
}

export interface RunningApp {
  services: AppServices;
  server: Server;
  /** The port actually bound (useful when config.port is 0). */
  port: number;
  close(): Promise<void>;
}

/** Extra parts (the bot, the scheduler) plug in here without the core knowing them. */
export interface AppExtension {
  routes(services: AppServices): Route[] | Promise<Route[]>;
  start?(services: AppServices): Promise<void> | void;
  /** Called on shutdown before the store closes: finish work in flight. */
  stop?(): Promise<void>;
}
