// Loads the real undici for the bundle's stand-in (undici-lazy.ts), only when a proxy is
// configured: then @actions/github sends the client's requests through undici's ProxyAgent.
// Without a proxy the client goes over node:http (http.ts) and the bundled undici is never
// loaded. Must run before the GitHub client's module (@actions/github builds its proxy agent
// when it is evaluated).
import type * as Undici from 'undici/index.js';
import { provideUndici } from './undici-lazy.js';

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

/** True when the environment names a proxy (the variables @actions/http-client reads). */
export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return PROXY_VARIABLES.some((name) => env[name]?.trim());
}

/** Loads undici for @actions/github's proxy support when a proxy is configured. */
export async function loadUndiciForProxy(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!proxyConfigured(env)) return;
  const loaded = (await import('undici/index.js')) as typeof Undici & { default?: typeof Undici };
  provideUndici(loaded.default ?? loaded);
}
