// The bundles' stand-in for `@actions/http-client`: tsconfig.json's "paths" maps the bare name
// here, which ncc follows (jest and plain node use the real package). @actions/core imports it
// for OIDC tokens, which this tool never asks for, and evaluating it loads node's http, https,
// tls and assert and the tunnel package: a few milliseconds at every start. @actions/github
// builds one HttpClient per client, for its proxy agents; http-client-load.ts provides the real
// package (its npm alias `bundled-actions-http-client`, the one name the mapping does not catch)
// before the GitHub client is built, from a chunk that only GitHub runs load.
import type * as HttpClientModule from 'bundled-actions-http-client';

let real: typeof HttpClientModule | undefined;

/** Called by http-client-load.ts before the GitHub client is built. */
export function provideHttpClient(module: typeof HttpClientModule): void {
  real = module;
}

/** @actions/http-client's client (@actions/github asks it for proxy agents). */
export class HttpClient {
  constructor(...args: ConstructorParameters<typeof HttpClientModule.HttpClient>) {
    if (!real)
      throw new Error('gitops-bump: @actions/http-client used before the GitHub client loaded it.');
    // biome-ignore lint/correctness/noConstructorReturn: stands in for the real class
    return new real.HttpClient(...args);
  }
}
