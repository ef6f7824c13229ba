// The GraphQL documents the action sends. User input never enters a document: paths, names and
// messages travel as variables; the only generated parts are aliases (f0, f1, l0, u0, ...).
// Every document built here is checked against GitHub's schema in __tests__/github.

import type { SnapshotQuery } from './port.js';

/** The fields of a file at a commit. */
const ENTRY = 'oid mode type object { ... on Blob { text byteSize isBinary isTruncated } }';

function filesAt(count: number): string {
  const files: string[] = [];
  for (let i = 0; i < count; i++) files.push(`f${i}: file(path: $p${i}) { ${ENTRY} }`);
  return files.join(' ');
}

/** A commit's message and first parent, to recognise a commit this run made. */
const LINEAGE =
  'messageHeadline messageBody parents(first: 1) { nodes { oid messageHeadline messageBody parents(first: 1) { nodes { oid } } } }';

/** When the newest commits landed ($landed of them), to see how busy the branch is. */
const LANDED = 'landed: history(first: $landed) { nodes { committedDate } }';

function branchFields(count: number, lineage = false, landed = false): string {
  return `id name target { ... on Commit { oid ${lineage ? `${LINEAGE} ` : ''}${landed ? `${LANDED} ` : ''}${filesAt(count)} } }`;
}

/** The token's use of its GraphQL rate limit, to see how many requests a crowd of jobs makes. */
const USAGE = 'usage: rateLimit { used resetAt }';

/** The open pull requests of a repository, to find this action's earlier ones (by body marker). */
const BUMP_PULLS =
  'bumps: pullRequests(states: [OPEN], first: 100) { nodes { id number url headRefName baseRefName body headRef { id } } }';

const PULL = 'id number url headRefOid baseRefName author { login } autoMergeRequest { enabledAt }';

/** The shape of the snapshot document, to build it and to read its answer. */
export interface SnapshotShape {
  paths: number;
  branch: boolean;
  prBranch: boolean;
  labels: number;
  users: number;
  /** Read the base head's message and parents (after a write whose answer was lost). */
  lineage?: boolean;
  /** List the open pull requests (to supersede this action's earlier ones). */
  bumpPulls?: boolean;
  /** Read when the base's newest commits landed (how many: the variable $landed). */
  landed?: boolean;
  /** Read the token's use of its GraphQL rate limit (a field of this query, not a request). */
  usage?: boolean;
}

/** One query for everything a bump needs to know before it writes. */
export function snapshotDocument(shape: SnapshotShape): string {
  const vars = ['$owner: String!', '$name: String!'];
  for (let i = 0; i < shape.paths; i++) vars.push(`$p${i}: String!`);
  if (shape.branch) vars.push('$branch: String!');
  if (shape.landed) vars.push('$landed: Int!');
  if (shape.prBranch) vars.push('$head: String!', '$headName: String!');
  for (let i = 0; i < shape.labels; i++) vars.push(`$l${i}: String!`);
  for (let i = 0; i < shape.users; i++) vars.push(`$u${i}: String!`);
  const repo: string[] = [
    'id nameWithOwner url autoMergeAllowed squashMergeAllowed mergeCommitAllowed rebaseMergeAllowed',
    'defaultBranchRef { name }',
    shape.branch
      ? `base: ref(qualifiedName: $branch) { ${branchFields(shape.paths, shape.lineage, shape.landed)} }`
      : `base: defaultBranchRef { ${branchFields(shape.paths, shape.lineage, shape.landed)} }`,
  ];
  if (shape.bumpPulls) repo.push(BUMP_PULLS);
  if (shape.prBranch) {
    repo.push(`head: ref(qualifiedName: $head) { ${branchFields(shape.paths)} }`);
    repo.push(
      `pulls: pullRequests(headRefName: $headName, states: [OPEN], first: 10) { nodes { ${PULL} } }`,
    );
  }
  for (let i = 0; i < shape.labels; i++) repo.push(`l${i}: label(name: $l${i}) { id name }`);
  const top = [`repository(owner: $owner, name: $name) { ${repo.join(' ')} }`];
  for (let i = 0; i < shape.users; i++) top.push(`u${i}: user(login: $u${i}) { id login }`);
  if (shape.usage) top.push(USAGE);
  return `query GitopsBumpSnapshot(${vars.join(', ')}) { ${top.join(' ')} }`;
}

const COMMIT = 'commit { oid url }';

/** The snapshot question for a query: the document and its variables, as the client sends them. */
export function snapshotRequest(q: SnapshotQuery): {
  query: string;
  variables: Record<string, unknown>;
} {
  const shape: SnapshotShape = {
    paths: q.paths.length,
    branch: q.branch !== undefined,
    prBranch: q.prBranch !== undefined,
    labels: (q.labels ?? []).length,
    users: (q.users ?? []).length,
    ...(q.lineage && { lineage: true }),
    ...(q.bumpPulls && { bumpPulls: true }),
    ...(q.landed && { landed: true }),
    ...(q.usage && { usage: true }),
  };
  return { query: snapshotDocument(shape), variables: snapshotVariables(q) };
}

/** The variables of the snapshot document: paths, branches, labels and users by alias. */
function snapshotVariables(q: SnapshotQuery): Record<string, unknown> {
  const variables: Record<string, unknown> = { owner: q.repo.owner, name: q.repo.name };
  q.paths.forEach((p, i) => {
    variables[`p${i}`] = p;
  });
  if (q.branch !== undefined) variables.branch = `refs/heads/${q.branch}`;
  if (q.landed) variables.landed = Math.min(100, q.landed);
  if (q.prBranch !== undefined) {
    variables.head = `refs/heads/${q.prBranch}`;
    variables.headName = q.prBranch;
  }
  (q.labels ?? []).forEach((l, i) => {
    variables[`l${i}`] = l;
  });
  (q.users ?? []).forEach((u, i) => {
    variables[`u${i}`] = u;
  });
  return variables;
}

/** One commit, guarded by the expected head. */
export const COMMIT_DOCUMENT = `mutation GitopsBumpCommit($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { ${COMMIT} } }`;

/** Opens a pull request in one request: branch, commit, pull request (run in this order). */
export function openPullDocument(resetStaleBranch: boolean): string {
  const ref = resetStaleBranch
    ? 'updateRef(input: $ref) { ref { id } }'
    : 'createRef(input: $ref) { ref { id } }';
  const refInput = resetStaleBranch ? 'UpdateRefInput!' : 'CreateRefInput!';
  return `mutation GitopsBumpOpenPull($ref: ${refInput}, $commit: CreateCommitOnBranchInput!, $pull: CreatePullRequestInput!) { ${ref} createCommitOnBranch(input: $commit) { ${COMMIT} } createPullRequest(input: $pull) { pullRequest { ${PULL} } } }`;
}

/** Adds a commit to an open pull request and refreshes its title and body. */
export const UPDATE_PULL_DOCUMENT = `mutation GitopsBumpUpdatePull($commit: CreateCommitOnBranchInput!, $pull: UpdatePullRequestInput!) { createCommitOnBranch(input: $commit) { ${COMMIT} } updatePullRequest(input: $pull) { pullRequest { id } } }`;

/** Which steps a finish document holds. */
export interface FinishShape {
  labels: boolean;
  reviews: boolean;
  merge: 'auto' | 'now' | 'none';
}

const MERGED = 'pullRequest { merged mergeCommit { oid url } }';

/** Labels, reviewers, and auto-merge or merge, in one request. */
export function finishDocument(shape: FinishShape): string | undefined {
  const vars: string[] = [];
  const steps: string[] = [];
  if (shape.labels) {
    vars.push('$labels: AddLabelsToLabelableInput!');
    steps.push('addLabelsToLabelable(input: $labels) { clientMutationId }');
  }
  if (shape.reviews) {
    vars.push('$reviews: RequestReviewsInput!');
    steps.push('requestReviews(input: $reviews) { clientMutationId }');
  }
  if (shape.merge === 'auto') {
    vars.push('$auto: EnablePullRequestAutoMergeInput!');
    steps.push(
      'enablePullRequestAutoMerge(input: $auto) { pullRequest { autoMergeRequest { enabledAt } } }',
    );
  } else if (shape.merge === 'now') {
    vars.push('$merge: MergePullRequestInput!');
    steps.push(`mergePullRequest(input: $merge) { ${MERGED} }`);
  }
  if (steps.length === 0) return undefined;
  return `mutation GitopsBumpFinishPull(${vars.join(', ')}) { ${steps.join(' ')} }`;
}

/** Merges a pull request whose head is the expected one. */
export const MERGE_DOCUMENT = `mutation GitopsBumpMerge($merge: MergePullRequestInput!) { mergePullRequest(input: $merge) { ${MERGED} } }`;

/** Which pull requests a close document closes, and whether each branch is deleted. */
export interface CloseShape {
  /** One entry per pull request: true when its branch is deleted too. */
  deleteBranch: readonly boolean[];
}

/** Comments on, closes, and deletes the branches of pull requests, in one request. */
export function closePullsDocument(shape: CloseShape): string {
  const vars: string[] = [];
  const steps: string[] = [];
  shape.deleteBranch.forEach((del, i) => {
    vars.push(`$c${i}: AddCommentInput!`, `$x${i}: ClosePullRequestInput!`);
    steps.push(
      `c${i}: addComment(input: $c${i}) { clientMutationId }`,
      `x${i}: closePullRequest(input: $x${i}) { pullRequest { number state } }`,
    );
    if (del) {
      vars.push(`$d${i}: DeleteRefInput!`);
      steps.push(`d${i}: deleteRef(input: $d${i}) { clientMutationId }`);
    }
  });
  return `mutation GitopsBumpClosePulls(${vars.join(', ')}) { ${steps.join(' ')} }`;
}

/** The state of one pull request, polled while waiting for its merge. */
export const PULL_STATE_DOCUMENT =
  'query GitopsBumpPullState($id: ID!) { node(id: $id) { ... on PullRequest { state mergeCommit { oid url } } } }';
