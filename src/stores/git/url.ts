// Git remote addresses: telling a git URL or path from a GitHub `owner/name`, writing one into a
// message without its credentials, building a commit's web address for well-known hosts, and
// the scoped `http.<origin>/.extraHeader` that carries a token. Pure.

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/**
 * True when `repository` names a git remote rather than a GitHub `owner/name`: any `scheme://`
 * URL (https, http, ssh, git, file, …), scp-like `user@host:path`, an absolute path, a `./` or
 * `../` relative path, or anything ending in `.git`.
 */
export function isGitUrl(repository: string): boolean {
  const value = repository.trim();
  if (value === '') return false;
  if (SCHEME.test(value)) return true;
  if (/^[^\s/@:]+@[^\s/:]+:/.test(value)) return true;
  if (value === '.' || value === '..') return true;
  if (value.startsWith('/') || value.startsWith('./') || value.startsWith('../')) return true;
  if (/^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\')) return true;
  return /\.git\/?$/i.test(value);
}

/** A URL's parts that must never be shown: the user-info and the password, raw and decoded. */
export function urlSecrets(url: string): string[] {
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/]*)@/.exec(url);
  if (!match?.[1]) return [];
  const userinfo = match[1];
  const colon = userinfo.indexOf(':');
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  const secrets: string[] = [];
  // Over http(s) a lone user name is often a token (https://TOKEN@host/…); over ssh it is `git`.
  if (colon >= 0 || scheme !== 'ssh') secrets.push(userinfo);
  if (colon >= 0) secrets.push(userinfo.slice(colon + 1));
  for (const secret of [...secrets]) {
    try {
      const decoded = decodeURIComponent(secret);
      if (decoded !== secret) secrets.push(decoded);
    } catch {
      // not percent-encoded
    }
  }
  return secrets.filter((s) => s.length > 0);
}

/**
 * The URL as it may be shown: `https://user:pass@host/x.git` → `https://host/x.git`. An ssh user
 * name (`ssh://git@host/…`) is kept; its password, if any, is not.
 */
export function safeUrl(url: string): string {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/]*)@(.*)$/s.exec(url);
  if (!match) return url;
  const [, scheme = '', userinfo = '', rest = ''] = match;
  if (scheme.toLowerCase() === 'ssh://') {
    const user = userinfo.split(':')[0] ?? '';
    return user ? `${scheme}${user}@${rest}` : `${scheme}${rest}`;
  }
  return `${scheme}${rest}`;
}

/** Host and repository path of a remote on a well-known host, or undefined. */
function hostAndPath(url: string): { host: string; path: string } | undefined {
  const value = url.trim();
  const web = /^(?:https?|ssh|git):\/\/(?:[^/]*@)?([^/:]+)(?::\d+)?\/(.+)$/i.exec(value);
  const scp = /^[^\s/@:]+@([^\s/:]+):(?!\/\/)(.+)$/.exec(value);
  const match = web ?? scp;
  if (!match?.[1] || !match[2]) return undefined;
  const path = match[2]
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .replace(/^\/+/, '');
  if (!/^[\w.-]+(\/[\w.-]+)+$/.test(path)) return undefined;
  return { host: match[1].toLowerCase(), path };
}

/**
 * The web address of a commit for remotes on github.com, gitlab.com and bitbucket.org; '' for
 * any other host (a self-hosted server's web address cannot be told from its git URL).
 */
export function webCommitUrl(url: string, oid: string): string {
  const where = hostAndPath(url);
  if (!where) return '';
  switch (where.host) {
    case 'github.com':
      return `https://github.com/${where.path}/commit/${oid}`;
    case 'gitlab.com':
      return `https://gitlab.com/${where.path}/-/commit/${oid}`;
    case 'bitbucket.org':
      return `https://bitbucket.org/${where.path}/commits/${oid}`;
    default:
      return '';
  }
}

/** The git configuration entry that sends a token to an http(s) remote, and its secret parts. */
export interface TokenHeader {
  /** `http.<scheme>://<host>/.extraHeader`: sent to that host only, for every path. */
  key: string;
  /** `Authorization: Basic <base64 of user:token>`. */
  value: string;
  /** Strings that must never be shown: the token and the encoded credentials. */
  secrets: string[];
}

/**
 * The extra header that authenticates git over http(s) with a token, as HTTP Basic with the user
 * `tokenUser` (`x-access-token` for GitHub, `oauth2` for GitLab, `x-token-auth` for Bitbucket).
 * Undefined for remotes that are not http(s) (ssh, file, paths): those use their own credentials.
 */
export function tokenHeader(
  url: string,
  token: string,
  tokenUser: string,
): TokenHeader | undefined {
  if (!/^https?:\/\//i.test(url.trim())) return undefined;
  let scope = 'http.extraHeader';
  try {
    const parsed = new URL(url.trim());
    scope = `http.${parsed.protocol}//${parsed.host}/.extraHeader`;
  } catch {
    // Unparsable: send it to whatever git connects to.
  }
  const encoded = Buffer.from(`${tokenUser}:${token}`, 'utf8').toString('base64');
  return { key: scope, value: `Authorization: Basic ${encoded}`, secrets: [token, encoded] };
}

/** True for a plain-http URL to a host other than this machine (a token would travel in clear). */
export function isInsecureRemote(url: string): boolean {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'http:') return false;
    return !['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  } catch {
    return false;
  }
}
