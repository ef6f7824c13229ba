/** Re-export for tests: checks a document against GitHub's public GraphQL schema. */
export { validateGraphqlDocument } from '../../test-server/graphql-schema.js';
