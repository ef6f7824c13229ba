// Connects to GitHub: the configured client behind the GitHubPort interface.
import { GitHubApi } from './api.js';
import type { EarlyRead } from './early-read.js';
import { createOctokit, type Endpoints } from './octokit.js';
import type { GitHubPort } from './port.js';

/** What a connection needs. */
export interface Connection {
  token: string;
  endpoints: Endpoints;
  timeoutMs: number;
  /** The repository the workflow runs in, for permission hints. */
  workflowRepository?: string;
  log: { debug(message: string): void; warning(message: string): void };
  /** The first question sent at start-up (src/action/start.ts), if any. */
  early?: EarlyRead;
}

/** The GitHubPort for a token and endpoints. */
export function connectGitHub(connection: Connection): GitHubPort {
  const { graphqlUrl } = connection.endpoints;
  // Its answer is used only if it was asked of these endpoints with this token.
  const early = connection.early?.sentBy(connection.endpoints, connection.token)
    ? connection.early
    : undefined;
  const octokit = createOctokit({
    ...connection.endpoints,
    token: connection.token,
    timeoutMs: connection.timeoutMs,
    log: connection.log,
    ...(early && { early }),
  });
  return new GitHubApi(octokit, graphqlUrl, connection.workflowRepository);
}
