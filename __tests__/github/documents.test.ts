// Every GraphQL document the action can send validates against GitHub's published schema.
import {
  COMMIT_DOCUMENT,
  closePullsDocument,
  finishDocument,
  MERGE_DOCUMENT,
  openPullDocument,
  PULL_STATE_DOCUMENT,
  snapshotDocument,
  UPDATE_PULL_DOCUMENT,
} from '../../src/stores/github/documents.js';
import { validateGraphqlDocument } from '../test-server/graphql.js';

const snapshots = [
  { paths: 1, branch: false, prBranch: false, labels: 0, users: 0 },
  { paths: 3, branch: true, prBranch: false, labels: 0, users: 0 },
  { paths: 2, branch: true, prBranch: true, labels: 2, users: 1 },
  { paths: 0, branch: false, prBranch: true, labels: 0, users: 3 },
  { paths: 2, branch: true, prBranch: false, labels: 0, users: 0, lineage: true },
  { paths: 1, branch: false, prBranch: true, labels: 1, users: 1, bumpPulls: true },
  { paths: 1, branch: false, prBranch: false, labels: 0, users: 0, landed: true },
  { paths: 2, branch: true, prBranch: false, labels: 0, users: 0, lineage: true, landed: true },
  { paths: 1, branch: false, prBranch: false, labels: 0, users: 0, usage: true },
  { paths: 2, branch: true, prBranch: false, labels: 0, users: 0, landed: true, usage: true },
];

const finishes = (['auto', 'now', 'none'] as const).flatMap((merge) =>
  [false, true].flatMap((labels) => [false, true].map((reviews) => ({ merge, labels, reviews }))),
);

const documents: Array<[string, string]> = [
  ...snapshots.map((s): [string, string] => [`snapshot ${JSON.stringify(s)}`, snapshotDocument(s)]),
  ['commit', COMMIT_DOCUMENT],
  ['open pull (new branch)', openPullDocument(false)],
  ['open pull (stale branch reset)', openPullDocument(true)],
  ['update pull', UPDATE_PULL_DOCUMENT],
  ['merge', MERGE_DOCUMENT],
  ['pull state (wait-for-merge)', PULL_STATE_DOCUMENT],
  ['close one pull, keep its branch', closePullsDocument({ deleteBranch: [false] })],
  ['close three pulls', closePullsDocument({ deleteBranch: [true, false, true] })],
  ...finishes
    .map((f): [string, string | undefined] => [`finish ${JSON.stringify(f)}`, finishDocument(f)])
    .filter((entry): entry is [string, string] => entry[1] !== undefined),
];

it.each(documents)('%s validates against @octokit/graphql-schema', (_name, document) => {
  expect(validateGraphqlDocument(document).map((e) => e.message)).toEqual([]);
});

it('a finish with nothing to do sends no document', () => {
  expect(finishDocument({ merge: 'none', labels: false, reviews: false })).toBeUndefined();
});

it('puts no user input into documents: paths, branches and names travel as variables', () => {
  const doc = snapshotDocument({ paths: 2, branch: true, prBranch: true, labels: 1, users: 1 });
  expect(doc).toContain('f0: file(path: $p0)');
  expect(doc).toContain('base: ref(qualifiedName: $branch)');
  expect(doc).not.toMatch(/"[^"]*"/); // no string literals at all
});
