// Connects to GitHub: the configured client behind the GitHubPort interface.
import { GitHubApi } from './api.js';
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
}

/** The GitHubPort for a token and endpoints. */
export function connectGitHub(connection: Connection): GitHubPort {
  const octokit = createOctokit({
    ...connection.endpoints,
    token: connection.token,
    timeoutMs: connection.timeoutMs,
    log: connection.log,
  });
  return new GitHubApi(octokit, connection.endpoints.graphqlUrl, connection.workflowRepository);
}
