// Through a proxy (https_proxy and the like), GitHub requests go through @actions/github's fetch:
// undici with its ProxyAgent, honouring no_proxy. Loaded only then, before the client is built:
// @actions/github's module builds its proxy agents, its REST methods (about a thousand
// endpoints) and the workflow's event context when it is evaluated, none of which a run without
// a proxy needs (the client is @octokit/core with the retry and throttling plugins, octokit.ts).
import { loadHttpClient } from './http-client-load.js';
import { loadUndiciForProxy, proxyConfigured } from './undici-load.js';

type Fetch = typeof fetch;

let proxied: Fetch | undefined;

/** Loads @actions/github's proxy fetch when the environment names a proxy. */
export async function loadProxyFetch(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!proxyConfigured(env)) return;
  await loadUndiciForProxy(env);
  await loadHttpClient();
  const { defaults } = await import('@actions/github/lib/utils');
  proxied = defaults.request?.fetch as Fetch | undefined;
}

/**
 * The proxy's fetch once loaded; undefined without a proxy (the client then goes over
 * node:http, src/stores/http.ts).
 */
export function proxyFetch(): Fetch | undefined {
  return proxied;
}
