// Where GitHub's REST and GraphQL APIs are. Apart from the client (octokit.ts), so that the doors
// can read the endpoints without loading the GitHub client: a run loads it only for GitHub.

/** Where GitHub's REST and GraphQL endpoints are. */
export interface Endpoints {
  apiUrl: string;
  graphqlUrl: string;
}

/** The endpoints from the runner's environment: GITHUB_API_URL and GITHUB_GRAPHQL_URL. */
export function endpointsFromEnv(env: NodeJS.ProcessEnv = process.env): Endpoints {
  const apiUrl = (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, '');
  const graphqlUrl = env.GITHUB_GRAPHQL_URL?.trim() || graphqlUrlFor(apiUrl);
  return { apiUrl, graphqlUrl };
}

/** GitHub.com answers GraphQL at /graphql; Enterprise Server at /api/graphql beside /api/v3. */
export function graphqlUrlFor(apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, '');
  if (/\/api\/v3$/.test(base)) return base.replace(/\/api\/v3$/, '/api/graphql');
  return `${base}/graphql`;
}
