/**
 * The app-installer port: installs the bot's Teams app in a person's personal scope (Microsoft Graph's
 * `POST /users/{id}/teamwork/installedApps`), so Teams sends the installationUpdate that subscribes them.
 * The Graph implementation is src/graph/graph-app-installer.ts; no Graph type crosses this port.
 */
export interface AppInstaller {
  /** `userKey`: the person's Entra object id, or their user principal name. Throttled and retried inside. */
  installForUser(userKey: string): Promise<InstallOutcome>;
}

export type InstallOutcome =
  | { kind: 'installed' }
  /** 409: Teams already has the app for them (the installationUpdate may have been missed, or not matched). */
  | { kind: 'already_installed' }
  /** Graph said no for good (403 no permission or blocked by policy, 404 no such user or app): not retried now. */
  | { kind: 'refused'; status: number; code: string }
  /** Throttled, failing or unreachable after the tries allowed. `status` null: no answer. */
  | { kind: 'failed'; status: number | null; code: string; attempts: number };
