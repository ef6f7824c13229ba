import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, type GraphQLError, type GraphQLSchema, parse, validate } from 'graphql';

let cached: GraphQLSchema | undefined;

/** Locates @octokit/graphql-schema's SDL; its package exports hide the file from require.resolve. */
function schemaPath(): string {
  const starts = [dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    let dir = start;
    for (;;) {
      const candidate = join(dir, 'node_modules', '@octokit', 'graphql-schema', 'schema.graphql');
      if (existsSync(candidate)) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('cannot find @octokit/graphql-schema/schema.graphql');
}

/** GitHub's public GraphQL schema, built once per process. */
export function githubSchema(): GraphQLSchema {
  // GitHub's published SDL defines a few fields twice, which strict SDL validation rejects.
  cached ??= buildSchema(readFileSync(schemaPath(), 'utf8'), { assumeValidSDL: true });
  return cached;
}

/** Parses and validates a document against GitHub's schema; an empty list means it is valid. */
export function validateGraphqlDocument(doc: string): readonly GraphQLError[] {
  let ast: ReturnType<typeof parse>;
  try {
    ast = parse(doc);
  } catch (e) {
    return [e as GraphQLError];
  }
  return validate(githubSchema(), ast);
}
