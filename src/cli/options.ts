// The CLI's flags: the one table that parseArgs reads (main.ts) and that the CLI's words
// (words.ts) take the action-input names from.
import type { ParseArgsConfig } from 'node:util';

/** Every flag the CLI takes. */
export const OPTIONS = {
  image: { type: 'string', multiple: true },
  files: { type: 'string', multiple: true },
  container: { type: 'string' },
  cwd: { type: 'string' },
  tag: { type: 'string' },
  digest: { type: 'string' },
  'pin-digest': { type: 'boolean' },
  'version-filter': { type: 'string' },
  'allow-downgrade': { type: 'boolean' },
  'on-policy-violation': { type: 'string' },
  'on-missed': { type: 'string' },
  'tag-pattern': { type: 'string' },
  'verify-image': { type: 'boolean' },
  'resolve-digest': { type: 'boolean' },
  'registry-username': { type: 'string' },
  'registry-password': { type: 'string' },
  'insecure-registries': { type: 'string', multiple: true },
  repository: { type: 'string' },
  branch: { type: 'string' },
  token: { type: 'string' },
  'git-token': { type: 'string' },
  'git-token-user': { type: 'string' },
  'api-url': { type: 'string' },
  'graphql-url': { type: 'string' },
  mode: { type: 'string' },
  merge: { type: 'string' },
  'merge-method': { type: 'string' },
  'pr-branch': { type: 'string' },
  'pr-title': { type: 'string' },
  'pr-body': { type: 'string' },
  'pr-labels': { type: 'string', multiple: true },
  'pr-reviewers': { type: 'string', multiple: true },
  'commit-message': { type: 'string' },
  'commit-api': { type: 'string' },
  'max-attempts': { type: 'string' },
  'request-timeout': { type: 'string' },
  'close-superseded': { type: 'string' },
  'wait-for-merge': { type: 'string' },
  'dry-run': { type: 'boolean' },
  check: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Flags of the CLI alone: no action input has these names. */
export const CLI_ONLY: ReadonlySet<string> = new Set(['cwd', 'check', 'json', 'help', 'version']);
