// GitHub's failures, sorted into what the bump flows act on, with messages that say the fix.

// The store-wide outcomes of a guarded write, under the names the GitHub flows have used.
import { StaleHeadError, type TokenUsage, UncertainWriteError } from '../store.js';

export { StaleHeadError, UncertainWriteError };

/** A failure the user must fix (token, permissions, names, settings); the message says how. */
export class GitHubError extends Error {
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.name = 'GitHubError';
    this.status = status;
  }
}

/** One error of a GraphQL answer. */
export interface GraphqlIssue {
  type?: string;
  message: string;
  path?: ReadonlyArray<string | number>;
}

/** The parts of an Octokit error this module reads. */
interface OctokitLikeError {
  name?: string;
  status?: number;
  message?: string;
  errors?: GraphqlIssue[];
  data?: unknown;
  /** A GraphQL answer's headers (GraphqlResponseError). */
  headers?: Record<string, string | number | undefined>;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

/** The GraphQL issues of an error thrown by `octokit.graphql`, or undefined. */
export function graphqlIssues(error: unknown): GraphqlIssue[] | undefined {
  const e = error as OctokitLikeError;
  return e?.name === 'GraphqlResponseError' && Array.isArray(e.errors) ? e.errors : undefined;
}

/** The partial data of a GraphQL answer that carried errors. */
export function graphqlData<T>(error: unknown): T | undefined {
  return graphqlIssues(error) ? ((error as OctokitLikeError).data as T) : undefined;
}

/**
 * The token's GraphQL count when GitHub refused a GraphQL request, from the answer's
 * x-ratelimit-used and x-ratelimit-reset headers (the same count as a read's rateLimit);
 * undefined when the answer did not carry them (GitHub Enterprise Server with rate limits off).
 */
export function usageOf(error: unknown): TokenUsage | undefined {
  const headers = (error as OctokitLikeError)?.headers;
  const used = Number(headers?.['x-ratelimit-used'] ?? Number.NaN);
  const reset = Number(headers?.['x-ratelimit-reset'] ?? Number.NaN);
  if (!Number.isSafeInteger(used) || !Number.isSafeInteger(reset)) return undefined;
  return { used, resetAt: reset * 1000 };
}

/** The HTTP status of an Octokit error. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as OctokitLikeError)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** True for failures after which a write may or may not have been applied. */
export function isUncertain(error: unknown): boolean {
  if (graphqlIssues(error)) return false;
  const status = statusOf(error);
  if (status === undefined) return error instanceof Error && !(error instanceof GitHubError);
  return status >= 500;
}

/** What the failing call was doing, for the message. */
export interface Doing {
  /** `owner/name`. */
  repository: string;
  /** The permission the call needs. */
  needs: 'read' | 'contents' | 'pull-requests';
  /** The repository the workflow runs in (GITHUB_REPOSITORY), if any. */
  workflowRepository?: string;
  /** For example "reading the branch main". */
  what: string;
}

function tokenScopeHint(doing: Doing): string {
  if (doing.workflowRepository && doing.workflowRepository !== doing.repository) {
    return ` The default GITHUB_TOKEN can only write ${doing.workflowRepository}, the repository the workflow runs in; to write ${doing.repository} pass a GitHub App token (actions/create-github-app-token) or a fine-grained token with access to it.`;
  }
  return '';
}

function permissionFix(doing: Doing): string {
  const perm =
    doing.needs === 'pull-requests'
      ? '"Contents: write" and "Pull requests: write"'
      : doing.needs === 'contents'
        ? '"Contents: write"'
        : '"Contents: read"';
  const workflow =
    doing.needs === 'pull-requests'
      ? 'permissions: { contents: write, pull-requests: write }'
      : doing.needs === 'contents'
        ? 'permissions: { contents: write }'
        : 'permissions: { contents: read }';
  return `The token needs ${perm} on ${doing.repository} (for GITHUB_TOKEN, set \`${workflow}\` in the workflow).${tokenScopeHint(doing)}`;
}

function rateLimitReset(error: unknown): string | undefined {
  const headers = (error as OctokitLikeError)?.response?.headers;
  if (headers?.['x-ratelimit-remaining'] !== '0') return undefined;
  const reset = Number(headers['x-ratelimit-reset']);
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : 'unknown';
}

/** The parts of a failed call `explain` reads. */
interface Failure {
  error: unknown;
  status: number | undefined;
  /** The error's own message. */
  said: string;
  issues: GraphqlIssue[] | undefined;
}

/** Turns an error from a GitHub call into one that says what to do. */
export function explain(error: unknown, doing: Doing): Error {
  if (
    error instanceof GitHubError ||
    error instanceof StaleHeadError ||
    error instanceof UncertainWriteError
  )
    return error;
  const failure: Failure = {
    error,
    status: statusOf(error),
    said: (error as OctokitLikeError)?.message ?? String(error),
    issues: graphqlIssues(error),
  };
  return (
    badTokenOrLimit(failure, doing) ??
    accessDenied(failure, doing) ??
    protectedBranch(failure, doing) ??
    otherFailure(failure, doing)
  );
}

/** A token GitHub rejects, or a rate limit used up. */
function badTokenOrLimit({ error, status, said }: Failure, doing: Doing): GitHubError | undefined {
  if (status === 401) {
    return new GitHubError(
      `GitHub rejected the token while ${doing.what} (401 Bad credentials): it is expired, revoked, or not a token at all. Check the secret passed in token (an empty or mistyped secret name gives an empty value; a GitHub App token expires after one hour).`,
      401,
    );
  }
  const reset = rateLimitReset(error);
  if (reset !== undefined) {
    return new GitHubError(
      `GitHub's rate limit for this token is used up (while ${doing.what}); it resets at ${reset}. Run again after that, or use a GitHub App token, which has its own, higher limit.`,
      status,
    );
  }
  if ((status === 403 || status === 429) && /secondary rate limit/i.test(said)) {
    const wait = (error as OctokitLikeError)?.response?.headers?.['retry-after'];
    return new GitHubError(
      `GitHub's secondary rate limit stopped ${doing.what}${wait ? ` and asked to wait ${wait} s, longer than this action waits (60 s)` : ''}. Too many writes at once from this token: run again later, or bump several images in one job with images:.`,
      status,
    );
  }
  return undefined;
}

/** A token without the permission (403), or a repository it cannot see (404). */
function accessDenied({ status, said, issues }: Failure, doing: Doing): GitHubError | undefined {
  const forbidden =
    status === 403 ||
    issues?.some(
      (i) => i.type === 'FORBIDDEN' || /not accessible by (integration|personal)/i.test(i.message),
    );
  if (forbidden) {
    return new GitHubError(
      `GitHub refused ${doing.what} (403: ${firstLine(issues?.[0]?.message ?? said)}). ${permissionFix(doing)}`,
      403,
    );
  }
  const notFound =
    status === 404 || issues?.some((i) => i.type === 'NOT_FOUND' && /Repository/i.test(i.message));
  if (notFound) {
    return new GitHubError(
      `The repository ${doing.repository} is not visible to this token (404 while ${doing.what}). Check the repository name (owner/name), and that the token can read it: a fine-grained token or App installation must include ${doing.repository}.${tokenScopeHint(doing)}`,
      404,
    );
  }
  return undefined;
}

/** A direct write refused by branch protection or rulesets, with the rules GitHub named. */
function protectedBranch({ said, issues }: Failure, doing: Doing): GitHubError | undefined {
  const text = issues?.map((i) => i.message).join('\n') ?? said;
  const match = text.match(
    /Repository rule violations|protected branch|must be made through a pull request|Required status check/i,
  );
  if (!match || doing.needs !== 'contents') return undefined;
  const rules = text
    .split('\n')
    .map((l) => l.replace(/^-\s*/, '').trim())
    .filter((l) => l && !/^Repository rule violations found$/i.test(l));
  return new GitHubError(
    `The branch is protected, so GitHub refused ${doing.what} (${rules.join(' ')}). Use mode: pull-request (with merge: auto, GitHub merges once the rules are met), or let this token bypass the rules.`,
  );
}

/** Anything else: GraphQL errors, server errors after retries, other statuses, no answer. */
function otherFailure({ status, said, issues }: Failure, doing: Doing): GitHubError {
  if (issues) {
    return new GitHubError(
      `GitHub answered an error while ${doing.what}: ${issues.map((i) => firstLine(i.message)).join('; ')}`,
    );
  }
  if (status !== undefined && status >= 500) {
    return new GitHubError(
      `GitHub failed while ${doing.what} (${status}: ${firstLine(said)}), and kept failing after retries. Try again later; check https://www.githubstatus.com.`,
      status,
    );
  }
  if (status !== undefined) {
    return new GitHubError(
      `GitHub answered ${status} while ${doing.what}: ${firstLine(said)}`,
      status,
    );
  }
  return new GitHubError(`Could not reach GitHub while ${doing.what}: ${firstLine(said)}`);
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? '';
}
