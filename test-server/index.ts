/** Public entry point of the local GitHub API test server. */
export { validateGraphqlDocument } from './graphql-schema.js';
export type { Caller, Level, PullRequestRecord, StatusState, TokenGrant } from './model.js';
export {
  type InjectedResponse,
  type Injector,
  type LogEntry,
  type RequestRecord,
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from './server.js';
export type { CreateRepoOptions } from './store.js';
