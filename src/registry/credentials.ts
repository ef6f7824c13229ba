// Who the registry client logs in as, per registry host, in this order: the inputs
// `registry-username` / `registry-password` (for the one registry the images live in); the
// Docker config that `docker login` and docker/login-action write (`$DOCKER_CONFIG/config.json`
// or `~/.docker/config.json`: `credHelpers`, then `credsStore`, then `auths`); anonymous.
// A credential belongs to one host: lookups are by host, and nothing here sends anything.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isDockerHub } from './location.js';

/** A user name and password (or token) for one registry. */
export interface Credential {
  username: string;
  password: string;
  /** Where it came from, for messages: `registry-username`, `Docker config (…)`. Never the secret. */
  source: string;
}

/** Finds the credential for a registry host, or undefined (anonymous). */
export type CredentialLookup = (host: string) => Promise<Credential | undefined>;

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

/** Runs `docker-credential-<helper> get` with the server on stdin; resolves to its stdout. */
export type HelperRunner = (helper: string, server: string) => Promise<string>;

/** Runs the helper found on the PATH of `env`. */
const helperRunner =
  (env: NodeJS.ProcessEnv): HelperRunner =>
  (helper, server) =>
    new Promise((resolve, reject) => {
      const child = execFile(
        `docker-credential-${helper}`,
        ['get'],
        { timeout: 30_000, maxBuffer: 1 << 20, env },
        (error, stdout, stderr) => {
          if (error) {
            const detail =
              String(stdout || stderr || error.message)
                .trim()
                .split('\n')[0] ?? '';
            reject(new Error(`docker-credential-${helper} get failed: ${detail}`));
          } else resolve(stdout);
        },
      );
      child.stdin?.end(server);
    });

/** The keys a Docker config may file a host under (Docker Hub has its historic index URL). */
function serverKeys(host: string): string[] {
  if (isDockerHub(host))
    return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
  return [host, `https://${host}`, `http://${host}`];
}

/** `https://ghcr.io/v2/` → `ghcr.io`: the host a config key names. */
function keyHost(key: string): string {
  return key
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
}

function findEntry<T>(record: Record<string, T> | undefined, host: string): T | undefined {
  if (!record) return undefined;
  for (const key of serverKeys(host)) if (record[key] !== undefined) return record[key];
  const wanted = isDockerHub(host) ? 'index.docker.io' : host.toLowerCase();
  for (const [key, value] of Object.entries(record)) if (keyHost(key) === wanted) return value;
  return undefined;
}

/** Where the Docker config is: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG
    ? join(env.DOCKER_CONFIG, 'config.json')
    : join(env.HOME || homedir(), '.docker', 'config.json');
}

function readConfig(path: string): DockerConfig | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as DockerConfig;
  } catch (error) {
    throw new Error(
      `The Docker config ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}); fix or remove it, or log in again with docker/login-action.`,
    );
  }
}

async function fromHelper(
  helper: string,
  host: string,
  path: string,
  run: HelperRunner,
): Promise<Credential | undefined> {
  const server = isDockerHub(host) ? 'https://index.docker.io/v1/' : host;
  let out: string;
  try {
    out = await run(helper, server);
  } catch (error) {
    // A helper that has nothing for this server says so on stdout and exits non-zero.
    if (/credentials not found/i.test(error instanceof Error ? error.message : ''))
      return undefined;
    throw new Error(
      `${error instanceof Error ? error.message : String(error)} (credential helper '${helper}' named in ${path} for ${host}); install docker-credential-${helper} on PATH or log in again with docker/login-action.`,
    );
  }
  const parsed = JSON.parse(out) as { Username?: string; Secret?: string };
  if (!parsed.Secret) return undefined;
  return {
    username: parsed.Username ?? '',
    password: parsed.Secret,
    source: `docker-credential-${helper}`,
  };
}

function fromAuths(config: DockerConfig, host: string, path: string): Credential | undefined {
  const entry = findEntry(config.auths, host);
  if (!entry) return undefined;
  const source = `Docker config ${path}`;
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0)
      throw new Error(
        `${source}: the auths entry for ${host} is not base64 of user:password; log in again with docker/login-action.`,
      );
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source };
  }
  if (entry.username && entry.password)
    return { username: entry.username, password: entry.password, source };
  return undefined;
}

/** Credentials from the Docker config in `env` (read once, on first use). */
export function dockerConfigCredentials(
  env: NodeJS.ProcessEnv,
  run: HelperRunner = helperRunner(env),
): CredentialLookup {
  const path = dockerConfigPath(env);
  let config: DockerConfig | undefined | null = null;
  return async (host) => {
    if (config === null) config = readConfig(path);
    if (!config) return undefined;
    const helper = findEntry(config.credHelpers, host);
    if (helper) return fromHelper(helper, host, path, run);
    if (config.credsStore) {
      const stored = await fromHelper(config.credsStore, host, path, run);
      if (stored) return stored;
    }
    return fromAuths(config, host, path);
  };
}

/** The inputs' credential for `host`, else the next lookup. */
export function withInputCredential(
  input: Credential & { host: string },
  next: CredentialLookup,
): CredentialLookup {
  const { host: own, ...credential } = input;
  const ownHub = isDockerHub(own);
  return async (host) =>
    host.toLowerCase() === own.toLowerCase() || (ownHub && isDockerHub(host))
      ? credential
      : next(host);
}
