import type { Caller, Level, TokenGrant, UserRecord } from './model.js';

/** GitHub's generic documentation link in error bodies. */
export const DOCS_URL = 'https://docs.github.com/rest';

/**
 * An error with GitHub's REST status and message; GraphQL resolvers turn it into an `errors[]`
 * entry whose `type` is `gqlType` (or one derived from the status).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { gqlType?: string; errors?: unknown[]; documentationUrl?: string } = {},
  ) {
    super(message);
  }

  /** The REST body GitHub sends for this error. */
  body(): Record<string, unknown> {
    const body: Record<string, unknown> = { message: this.message };
    if (this.extra.errors) body.errors = this.extra.errors;
    body.documentation_url = this.extra.documentationUrl ?? DOCS_URL;
    body.status = String(this.status);
    return body;
  }

  /** The GraphQL error `type` GitHub uses for this kind of failure. */
  gqlType(): string {
    if (this.extra.gqlType) return this.extra.gqlType;
    if (this.status === 404) return 'NOT_FOUND';
    if (this.status === 403) return 'FORBIDDEN';
    if (this.status === 409) return 'CONFLICT';
    return 'UNPROCESSABLE';
  }
}

/** 401 as GitHub answers an unknown or missing token. */
export function badCredentials(): ApiError {
  return new ApiError(401, 'Bad credentials');
}

/** 404 as GitHub answers a resource the caller may not see. */
export function notFound(): ApiError {
  return new ApiError(404, 'Not Found');
}

/** 422 "Validation Failed" with GitHub's `errors` array. */
export function validationFailed(errors: unknown[], message = 'Validation Failed'): ApiError {
  return new ApiError(422, message, { errors });
}

/** 403 for a token that lacks a permission; the text depends on the kind of token. */
export function notAccessible(caller: Caller): ApiError {
  return new ApiError(
    403,
    caller.kind === 'pat'
      ? 'Resource not accessible by personal access token'
      : 'Resource not accessible by integration',
  );
}

/** Extracts the token from `Authorization: token X` / `Bearer X`. */
export function tokenFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/** Registry of tokens and the users they act as. */
export class TokenRegistry {
  private readonly tokens = new Map<string, TokenGrant>();
  private readonly users = new Map<string, UserRecord>();
  private nextUserId = 1000;

  /** Registers (or replaces) a token. */
  add(token: string, grant: TokenGrant): void {
    const repos: TokenGrant['repos'] = {};
    for (const [name, perms] of Object.entries(grant.repos))
      repos[name.toLowerCase()] = { ...perms };
    this.tokens.set(token, { ...grant, repos });
    this.user(grant.login, grant.kind === 'pat' ? 'User' : 'Bot');
  }

  /** The user record for a login, created on first sight. */
  user(login: string, type?: UserRecord['type']): UserRecord {
    const key = login.toLowerCase();
    let u = this.users.get(key);
    if (!u) {
      const id = this.nextUserId++;
      const t = type ?? (login.endsWith('[bot]') ? 'Bot' : 'User');
      u = {
        id,
        login,
        type: t,
        nodeId: `${t === 'Bot' ? 'BOT' : 'U'}_kgDO${Buffer.from(`${id}\u0000${login}`).toString('base64url')}`,
      };
      this.users.set(key, u);
    }
    return u;
  }

  /** True when the login exists: a token's user, an added user, or one seen acting. */
  known(login: string): boolean {
    return this.users.has(login.toLowerCase());
  }

  /** Looks up a user by node id. */
  userByNodeId(nodeId: string): UserRecord | undefined {
    for (const u of this.users.values()) if (u.nodeId === nodeId) return u;
    return undefined;
  }

  /** Authenticates an Authorization header or throws 401. */
  authenticate(header: string | undefined): Caller {
    const token = tokenFromHeader(header);
    const grant = token === undefined ? undefined : this.tokens.get(token);
    if (!token || !grant) throw badCredentials();
    return { ...grant, token, user: this.user(grant.login) };
  }
}

/** Permission areas checked by endpoints. */
export type Area = 'metadata' | 'contents' | 'pullRequests';

/** The level a caller has on a repository area; undefined when the repo is invisible. */
export function levelOf(caller: Caller, fullName: string, area: Area): Level | 'none' | undefined {
  const perms = caller.repos[fullName.toLowerCase()];
  if (!perms) return undefined;
  if (area === 'metadata') return 'read';
  return perms[area] ?? 'none';
}

/** Throws GitHub's 404 for invisible repositories and 403 for missing permissions. */
export function requireAccess(caller: Caller, fullName: string, area: Area, need: Level): void {
  const level = levelOf(caller, fullName, area);
  if (level === undefined) throw notFound();
  if (level === 'none' || (need === 'write' && level !== 'write')) throw notAccessible(caller);
}
