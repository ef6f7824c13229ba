// The bundle's stand-in for `undici`: tsconfig.json's "paths" maps the bare name `undici` here,
// which ncc follows (jest and plain node use the real package). @actions/core imports
// @actions/http-client, which imports undici for OIDC tokens and proxies; evaluating undici costs
// about 40 ms at every start. With this stand-in the bundle evaluates the real undici only for
// a GitHub run through a proxy (undici-load.ts provides it first), from a chunk of its own.
import type * as Undici from 'undici/index.js';

let real: typeof Undici | undefined;

/** Called by undici-load.ts before the GitHub client is built. */
export function provideUndici(module: typeof Undici): void {
  real = module;
}

function undici(): typeof Undici {
  if (!real) throw new Error('gitops-bump: undici used before the GitHub client loaded it.');
  return real;
}

/** A proxy dispatcher (@actions/http-client builds one when HTTPS_PROXY is set). */
export class ProxyAgent {
  constructor(...args: ConstructorParameters<typeof Undici.ProxyAgent>) {
    // biome-ignore lint/correctness/noConstructorReturn: stands in for the real class
    return new (undici().ProxyAgent)(...args);
  }
}

/** undici's fetch (@actions/github sends Octokit's requests through it). */
export const fetch: typeof Undici.fetch = (...args) => undici().fetch(...args);
