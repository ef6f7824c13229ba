// Asks the container registry what the run needs (newest tags, existence, digests) before
// anything is read from or written to the GitOps repository, and logs what it answered.
// The registry client is loaded (its own chunk in the bundles) only by a run that asks a
// registry: most runs name the tag, and their start-up should not pay for it.
import { needsRegistry } from '../registry/needs.js';
import type { Resolved } from '../registry/resolve.js';
import type { Settings } from './settings.js';

/** Where the registry step logs, and what it may read. */
export interface RegistryContext {
  log: { info(message: string): void; debug(message: string): void; phase?(title: string): void };
  /** Masks a secret in the log (core.setSecret in the action). */
  mask?: (secret: string) => void;
  /** Where DOCKER_CONFIG and HOME are read; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** How the user logs in, for 401 messages (the door knows its own words). */
  loginHint?: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** Resolves the bumps through the registry; undefined when the run needs no registry. */
export async function askRegistry(
  settings: Settings,
  context: RegistryContext,
): Promise<Resolved | undefined> {
  const options = {
    verify: settings.registry.verify,
    resolveDigest: settings.registry.resolveDigest,
    insecure: settings.registry.insecure,
    policy: settings.policy,
  };
  if (!needsRegistry(settings.bumps, options)) return undefined;
  context.log.phase?.('Ask the container registry');
  // One after the other: jest's ES-module loader fails ("request for 'node:crypto' is not in
  // cache") when two imports in flight load the same node module.
  const { RegistryClient } = await import('../registry/client.js');
  const { dockerConfigCredentials, withInputCredential } = await import(
    '../registry/credentials.js'
  );
  const { resolveBumps } = await import('../registry/resolve.js');
  const fromConfig = dockerConfigCredentials(context.env ?? process.env);
  const input = settings.registry.credential;
  const client = new RegistryClient({
    credentials: input
      ? withInputCredential({ ...input, source: 'registry-username/registry-password' }, fromConfig)
      : fromConfig,
    insecure: settings.registry.insecure,
    ...(context.mask && { mask: context.mask }),
    ...(context.loginHint && { loginHint: context.loginHint }),
    ...(context.fetch && { fetch: context.fetch }),
    ...(context.sleep && { sleep: context.sleep }),
  });
  const resolved = await resolveBumps(settings.bumps, options, client);
  for (const r of resolved.resolutions)
    context.log.info(
      `${r.image}: ${r.tag === undefined ? 'left alone' : `${r.tag}${r.digest ? `@${r.digest}` : ''}`} (${r.action || 'newest'}): ${r.reason}`,
    );
  for (const request of client.requests)
    context.log.debug(`registry: ${request.method} ${request.url} ${request.status}`);
  context.log.info(`registry: ${resolved.requests} request${resolved.requests === 1 ? '' : 's'}`);
  return resolved;
}
