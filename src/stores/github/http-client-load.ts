// Loads the real @actions/http-client for the bundles' stand-in (http-client-lazy.ts), which
// @actions/github uses to build its proxy agents. Must run before the GitHub client is built.
import { provideHttpClient } from './http-client-lazy.js';

/** Loads @actions/http-client (with node's http and https) for a GitHub run. */
export async function loadHttpClient(): Promise<void> {
  provideHttpClient(await import('bundled-actions-http-client'));
}
