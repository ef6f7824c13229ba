// The container registry client: the distribution API (`/v2/`) with its two logins, the token
// challenge (`WWW-Authenticate: Bearer realm=…,service=…,scope=…`) and basic auth. It lists tags
// (following `Link` pages, a bounded number of them) and asks for a manifest's digest (`HEAD`,
// index and manifest media types accepted). A credential goes only to the registry it belongs to
// and to the token realm that registry names; every request is counted.
import { createHash } from 'node:crypto';
import { httpFetch } from '../stores/http.js';
import type { Credential, CredentialLookup } from './credentials.js';
import { allowsPlainHttp, isDockerHub, type RegistryRepository } from './location.js';

/** Media types a manifest HEAD accepts: a multi-arch index answers with the index digest. */
export const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

/** Tags asked for per page, and the most pages read: at most 100,000 tags in 100 requests. */
export const TAGS_PAGE_SIZE = 1000;
export const MAX_TAG_PAGES = 100;

/** One request made, for counts and debugging (no headers: they may hold a credential). */
export interface RegistryRequest {
  method: string;
  url: string;
  status: number | 'error';
}

export interface ClientOptions {
  credentials: CredentialLookup;
  /** Hosts that may be spoken to over plain HTTP besides loopback ones. */
  insecure?: readonly string[];
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts for a request that fails for the network or a 5xx (GET and HEAD only). */
  maxAttempts?: number;
  timeoutMs?: number;
  /** Called with every secret (password, token) before it is used, to mask it in logs. */
  mask?: (secret: string) => void;
  /** How the user logs in, for 401 messages. */
  loginHint?: string;
}

/** A registry answer that stops the run; the message says the image, the answer and the fix. */
export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** A manifest's digest and media type. */
export interface ManifestInfo {
  digest: string;
  mediaType: string;
}

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `Bearer realm="…",service="…",scope="…"` (the first challenge). */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const m of (match[2] ?? '').matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g))
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  return { scheme: match[1]!.toLowerCase(), params };
}

/** The `rel="next"` target of a Link header, resolved against the request URL. */
export function nextLink(header: string | null, current: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (m && /rel\s*=\s*"?next"?/i.test(m[2] ?? '')) return new URL(m[1]!, current).toString();
  }
  return undefined;
}

function basic(credential: Credential): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
}

const RETRIED = new Set([500, 502, 503, 504]);

export class RegistryClient {
  /** Every request made, in order. */
  readonly requests: RegistryRequest[] = [];
  private readonly authorization = new Map<string, string>();
  /** The bearer challenge each host answered with (realm and service, no scope). */
  private readonly realms = new Map<string, Challenge>();
  private readonly credentialCache = new Map<string, Promise<Credential | undefined>>();
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ClientOptions) {
    this.fetch = options.fetch ?? httpFetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Every tag of the repository, following `Link` pages (at most MAX_TAG_PAGES). */
  async listTags(repo: RegistryRepository): Promise<string[]> {
    const tags: string[] = [];
    let url: string | undefined =
      `${repo.base}/v2/${repo.repository}/tags/list?n=${TAGS_PAGE_SIZE}`;
    for (let page = 0; url !== undefined; page++) {
      if (page === MAX_TAG_PAGES)
        throw new RegistryError(
          `${repo.image}: ${repo.host} has more than ${MAX_TAG_PAGES} pages of tags (${tags.length} read); gitops-bump reads at most ${MAX_TAG_PAGES} pages. Delete old tags, or give the tag to deploy.`,
        );
      const response = await this.send(repo, 'GET', url, { Accept: 'application/json' });
      if (response.status !== 200) throw await this.failure(repo, response, 'list the tags of');
      const body = (await response.json()) as { tags?: string[] | null };
      tags.push(...(body.tags ?? []));
      const next = nextLink(response.headers.get('link'), url);
      if (next !== undefined && new URL(next).origin !== new URL(url).origin)
        throw new RegistryError(
          `${repo.image}: ${repo.host} sent the next page of tags to another host (${new URL(next).host}); not followed.`,
        );
      url = next;
    }
    return tags;
  }

  /** The digest of a tag's (or digest's) manifest; undefined when the registry has none. */
  async manifest(repo: RegistryRepository, reference: string): Promise<ManifestInfo | undefined> {
    const url = `${repo.base}/v2/${repo.repository}/manifests/${reference}`;
    const accept = { Accept: MANIFEST_TYPES.join(', ') };
    const head = await this.send(repo, 'HEAD', url, accept);
    if (head.status === 404) return undefined;
    if (head.status !== 200) throw await this.failure(repo, head, `read ${reference} of`);
    const mediaType = (head.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const header = head.headers.get('docker-content-digest');
    if (header && /^sha256:[0-9a-f]{64}$/.test(header)) return { digest: header, mediaType };
    // No digest header: read the manifest and hash its bytes, as the registry would.
    const get = await this.send(repo, 'GET', url, accept);
    if (get.status !== 200) throw await this.failure(repo, get, `read ${reference} of`);
    const bytes = Buffer.from(await get.arrayBuffer());
    return { digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, mediaType };
  }

  /**
   * One request to the registry, logging in once on a 401 challenge. Once a host has named its
   * token realm, the next repository on it gets its token before the first request (no 401).
   */
  private async send(
    repo: RegistryRepository,
    method: string,
    url: string,
    headers: Record<string, string>,
  ): Promise<Response> {
    const scope = `repository:${repo.repository}:pull`;
    let authorization =
      this.authorization.get(`${repo.host} ${scope}`) ?? this.authorization.get(repo.host);
    const realm = this.realms.get(repo.host);
    if (authorization === undefined && realm) authorization = await this.login(repo, realm, scope);
    let response = await this.request(method, url, {
      ...headers,
      ...(authorization && { Authorization: authorization }),
    });
    if (response.status !== 401) return response;
    const challenge = parseChallenge(response.headers.get('www-authenticate'));
    await response.body?.cancel();
    authorization = await this.login(repo, challenge, scope);
    response = await this.request(method, url, { ...headers, Authorization: authorization });
    if (response.status === 401) {
      await response.body?.cancel();
      throw this.unauthorized(repo, await this.credential(repo.host), 'after logging in');
    }
    return response;
  }

  /** The Authorization header a challenge asks for; remembered per host (basic) or scope. */
  private async login(
    repo: RegistryRepository,
    challenge: Challenge | undefined,
    scope: string,
  ): Promise<string> {
    const credential = await this.credential(repo.host);
    if (challenge?.scheme === 'basic') {
      const header = this.basicLogin(repo, credential);
      this.authorization.set(repo.host, header);
      return header;
    }
    if (challenge?.scheme !== 'bearer')
      throw this.unauthorized(repo, credential, 'without a usable WWW-Authenticate challenge');
    const header = await this.token(repo, challenge, scope, credential);
    this.authorization.set(`${repo.host} ${scope}`, header);
    // The realm and service serve every repository of the host; the scope is per repository.
    const { scope: _scope, ...params } = challenge.params;
    this.realms.set(repo.host, { scheme: 'bearer', params });
    return header;
  }

  private basicLogin(repo: RegistryRepository, credential: Credential | undefined): string {
    if (!credential)
      throw this.unauthorized(repo, undefined, 'and asks for a user name and password');
    return basic(credential);
  }

  /** A bearer token from the realm the registry named, for `scope`. */
  private async token(
    repo: RegistryRepository,
    challenge: Challenge,
    scope: string,
    credential: Credential | undefined,
  ): Promise<string> {
    const realm = challenge.params.realm;
    let url: URL;
    try {
      url = new URL(realm ?? '');
    } catch {
      throw new RegistryError(
        `${repo.image}: ${repo.host} asks for a token but names no usable realm ('${realm ?? ''}'); it is not a distribution registry, or it is misconfigured.`,
      );
    }
    if (
      url.protocol !== 'https:' &&
      !(url.protocol === 'http:' && allowsPlainHttp(url.host, this.options.insecure ?? []))
    )
      throw new RegistryError(
        `${repo.image}: ${repo.host} names the token realm ${url.origin}, which is not https; no credential is sent over plain HTTP (add the host to insecure-registries if it is yours).`,
      );
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
    url.searchParams.set('scope', challenge.params.scope ?? scope);
    const response = await this.request('GET', url.toString(), {
      Accept: 'application/json',
      ...(credential && { Authorization: basic(credential) }),
    });
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw this.unauthorized(
        repo,
        credential,
        `at its token service ${url.origin}${url.pathname}`,
      );
    }
    if (response.status !== 200) throw await this.failure(repo, response, 'get a token to read');
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token)
      throw new RegistryError(
        `${repo.image}: the token service ${url.origin}${url.pathname} answered without a token.`,
      );
    this.options.mask?.(token);
    return `Bearer ${token}`;
  }

  private credential(host: string): Promise<Credential | undefined> {
    let found = this.credentialCache.get(host);
    if (!found) {
      found = this.options.credentials(host).then((c) => {
        if (c) this.options.mask?.(c.password);
        return c;
      });
      this.credentialCache.set(host, found);
    }
    return found;
  }

  private unauthorized(
    repo: RegistryRepository,
    credential: Credential | undefined,
    when: string,
  ): RegistryError {
    const who = credential
      ? `the credential from ${credential.source} (user '${credential.username}') was refused`
      : 'no credential was found for it';
    const hint =
      this.options.loginHint ??
      'log in first with docker/login-action, or set registry-username and registry-password';
    return new RegistryError(
      `${repo.image}: ${repo.host} answered 401 Unauthorized ${when}; ${who}. Fix: ${hint}.`,
      401,
    );
  }

  /** The error for an unexpected answer: the image, what was asked, the answer, the fix. */
  async failure(
    repo: RegistryRepository,
    response: Response,
    what: string,
  ): Promise<RegistryError> {
    const status = response.status;
    let code = '';
    let message = '';
    try {
      const body = (await response.json()) as { errors?: { code?: string; message?: string }[] };
      code = body.errors?.[0]?.code ?? '';
      message = body.errors?.[0]?.message ?? '';
    } catch {
      // No JSON body (HEAD, or a proxy's page).
    }
    const answer = `HTTP ${status}${code ? ` ${code}` : ''}${message ? ` (${message})` : ''}`;
    const head = `${repo.image}: could not ${what} ${repo.host}/${repo.repository}: ${answer}`;
    if (status === 403 || status === 404)
      return new RegistryError(
        `${head}. The repository does not exist, or the credential cannot read it (registries answer alike for both); check the image name and the login.`,
        status,
        code,
      );
    if (status === 429) {
      const remaining = response.headers.get('ratelimit-remaining');
      const limit = response.headers.get('ratelimit-limit');
      const quota = remaining
        ? ` ratelimit-remaining: ${remaining}${limit ? `, ratelimit-limit: ${limit}` : ''}.`
        : '';
      const fix = isDockerHub(repo.host)
        ? 'log in with docker/login-action (authenticated pulls have a higher limit), or run again later'
        : 'run again later';
      return new RegistryError(`${head}: rate limit reached.${quota} Fix: ${fix}.`, status, code);
    }
    if (RETRIED.has(status))
      return new RegistryError(
        `${head}, after ${this.options.maxAttempts ?? 3} attempts: the registry is down or overloaded; run again later.`,
        status,
        code,
      );
    return new RegistryError(`${head}.`, status, code);
  }

  /** One HTTP request, retried for network errors and 5xx answers; redirects followed by hand. */
  private async request(
    method: string,
    url: string,
    headers: Record<string, string>,
  ): Promise<Response> {
    const attempts = this.options.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.follow(method, url, headers);
      } catch (error) {
        if (error instanceof RegistryError) throw error;
        if (attempt >= attempts) {
          const cause = (error as { cause?: { code?: string } }).cause?.code;
          throw new RegistryError(
            `${new URL(url).host} did not answer ${method} ${new URL(url).pathname} (${cause ?? (error instanceof Error ? error.message : String(error))}) after ${attempts} attempts: the registry is down or unreachable; check the host name and run again later.`,
          );
        }
        await this.sleep(500 * 2 ** (attempt - 1));
        continue;
      }
      if (!RETRIED.has(response.status) || attempt >= attempts) return response;
      await response.body?.cancel();
      await this.sleep(500 * 2 ** (attempt - 1));
    }
  }

  /** Follows up to 5 redirects; the Authorization header never leaves the first origin. */
  private async follow(
    method: string,
    url: string,
    headers: Record<string, string>,
  ): Promise<Response> {
    const origin = new URL(url).origin;
    let target = url;
    for (let hop = 0; hop <= 5; hop++) {
      let response: Response;
      try {
        response = await this.fetch(target, {
          method,
          headers:
            new URL(target).origin === origin
              ? headers
              : Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'Authorization')),
          redirect: 'manual',
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        });
      } catch (error) {
        this.requests.push({ method, url: target, status: 'error' });
        throw error;
      }
      this.requests.push({ method, url: target, status: response.status });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status > 399 || !location) return response;
      await response.body?.cancel();
      const next = new URL(location, target);
      if (next.protocol !== 'https:' && !allowsPlainHttp(next.host, this.options.insecure ?? []))
        throw new RegistryError(
          `${new URL(url).host} redirected to ${next.origin} over plain HTTP; not followed.`,
        );
      target = next.toString();
    }
    throw new RegistryError(
      `${new URL(url).host} redirected more than 5 times for ${method} ${url}.`,
    );
  }
}
