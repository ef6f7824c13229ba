// The JSON bodies the REST handlers answer, shaped as GitHub's published schemas (users, repositories,
// refs, commits, trees, labels, statuses, pull requests, teams), rendered against the request's base URLs.
import { createHash } from 'node:crypto';
import type { CommitInfo, TreeEntry } from './git-store.js';
import type { Caller, LabelRecord, RepoState, StatusRecord, UserRecord } from './model.js';
import type { PullView } from './pulls.js';

/** Base URLs a response is rendered against (REST base differs between github.com and GHES style). */
export interface Urls {
  api: string;
  web: string;
}

/** GitHub's `simple-user` object. */
export function userJson(u: UserRecord, urls: Urls): Record<string, unknown> {
  const api = `${urls.api}/users/${encodeURIComponent(u.login)}`;
  return {
    login: u.login,
    id: u.id,
    node_id: u.nodeId,
    avatar_url: `${urls.web}/avatars/u/${u.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.web}/${encodeURIComponent(u.login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: u.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** Base REST URL of a repository. */
export function repoApi(repo: RepoState, urls: Urls): string {
  return `${urls.api}/repos/${repo.fullName}`;
}

/** The templated REST URLs of a repository object. */
function repoUrls(api: string): Record<string, string> {
  return {
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
  };
}

/** A repository's counters and features: a private repository nobody stars, forks or watches. */
function repoCounters(openIssues: number): Record<string, unknown> {
  return {
    homepage: null,
    size: 1,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: false,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openIssues,
    license: null,
    allow_forking: false,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: 'private',
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
  };
}

/** A repository's merge settings, as the test set it up. */
function repoMergeSettings(repo: RepoState): Record<string, unknown> {
  return {
    default_branch: repo.defaultBranch,
    allow_squash_merge: repo.allowSquash,
    allow_merge_commit: repo.allowMerge,
    allow_rebase_merge: repo.allowRebase,
    allow_auto_merge: repo.allowAutoMerge,
    delete_branch_on_merge: false,
    allow_update_branch: false,
    use_squash_pr_title_as_default: false,
    squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
    squash_merge_commit_message: 'COMMIT_MESSAGES',
    merge_commit_title: 'MERGE_MESSAGE',
    merge_commit_message: 'PR_TITLE',
  };
}

/** GitHub's `full-repository` (also satisfies `repository`), with the caller's permissions. */
export function repoJson(
  repo: RepoState,
  owner: UserRecord,
  urls: Urls,
  caller?: Caller,
): Record<string, unknown> {
  const api = repoApi(repo, urls);
  const html = `${urls.web}/${repo.fullName}`;
  const host = new URL(urls.web).host;
  const open = repo.pulls.filter((p) => p.state === 'open').length;
  const json: Record<string, unknown> = {
    id: repo.id,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: repo.fullName,
    private: true,
    owner: userJson(owner, urls),
    html_url: html,
    description: null,
    fork: false,
    url: api,
    ...repoUrls(api),
    created_at: repo.createdAt,
    updated_at: repo.pushedAt,
    pushed_at: repo.pushedAt,
    git_url: `git://${host}/${repo.fullName}.git`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    ...repoCounters(open),
    ...repoMergeSettings(repo),
    network_count: 0,
    subscribers_count: 0,
  };
  if (caller) {
    const push = caller.repos[repo.fullName.toLowerCase()]?.contents === 'write';
    json.permissions = { admin: false, maintain: false, push, triage: push, pull: true };
  }
  return json;
}

/** GitHub's `git-ref` object for a branch. */
export function refJson(
  repo: RepoState,
  branch: string,
  sha: string,
  nodeId: string,
  urls: Urls,
): Record<string, unknown> {
  const api = repoApi(repo, urls);
  return {
    ref: `refs/heads/${branch}`,
    node_id: nodeId,
    url: `${api}/git/refs/heads/${branch}`,
    object: { sha, type: 'commit', url: `${api}/git/commits/${sha}` },
  };
}

/** The `verification` object: GitHub-signed commits are "valid", others "unsigned". */
export function verificationJson(
  repo: RepoState,
  c: CommitInfo,
  rawMessage?: string,
): Record<string, unknown> {
  const verifiedAt = repo.verified.get(c.sha);
  if (!verifiedAt)
    return {
      verified: false,
      reason: 'unsigned',
      signature: null,
      payload: null,
      verified_at: null,
    };
  return {
    verified: true,
    reason: 'valid',
    // The server cannot sign; it records that GitHub would have, and shows a placeholder signature.
    signature: `-----BEGIN PGP SIGNATURE-----\n\nwsBcBAABCAAQBQJ${c.sha.slice(0, 16)}\n-----END PGP SIGNATURE-----\n`,
    payload:
      rawMessage ??
      `tree ${c.tree}\n${c.parents.map((p) => `parent ${p}\n`).join('')}\n${c.message}`,
    verified_at: verifiedAt,
  };
}

/** GitHub's `git-commit` object. */
export function gitCommitJson(repo: RepoState, c: CommitInfo, urls: Urls): Record<string, unknown> {
  const api = repoApi(repo, urls);
  const html = `${urls.web}/${repo.fullName}`;
  return {
    sha: c.sha,
    node_id: `C_kwDO${Buffer.from(`${repo.id}:${c.sha}`).toString('base64url')}`,
    url: `${api}/git/commits/${c.sha}`,
    html_url: `${html}/commit/${c.sha}`,
    author: { name: c.author.name, email: c.author.email, date: c.author.date },
    committer: { name: c.committer.name, email: c.committer.email, date: c.committer.date },
    tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
    message: c.message.replace(/\n$/, ''),
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${api}/git/commits/${p}`,
      html_url: `${html}/commit/${p}`,
    })),
    verification: verificationJson(repo, c),
  };
}

/** GitHub's `commit` object (as embedded in a branch). */
export function commitJson(repo: RepoState, c: CommitInfo, urls: Urls): Record<string, unknown> {
  const api = repoApi(repo, urls);
  const html = `${urls.web}/${repo.fullName}`;
  return {
    sha: c.sha,
    node_id: `C_kwDO${Buffer.from(`${repo.id}:${c.sha}`).toString('base64url')}`,
    commit: {
      author: { name: c.author.name, email: c.author.email, date: c.author.date },
      committer: { name: c.committer.name, email: c.committer.email, date: c.committer.date },
      message: c.message.replace(/\n$/, ''),
      tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
      url: `${api}/git/commits/${c.sha}`,
      comment_count: 0,
      verification: verificationJson(repo, c),
    },
    url: `${api}/commits/${c.sha}`,
    html_url: `${html}/commit/${c.sha}`,
    comments_url: `${api}/commits/${c.sha}/comments`,
    author: null,
    committer: null,
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${api}/commits/${p}`,
      html_url: `${html}/commit/${p}`,
    })),
  };
}

/** A file or directory entry of the contents API. */
export function contentEntryJson(
  repo: RepoState,
  ref: string,
  e: TreeEntry,
  urls: Urls,
): Record<string, unknown> {
  const api = repoApi(repo, urls);
  const type =
    e.type === 'tree'
      ? 'dir'
      : e.type === 'commit'
        ? 'submodule'
        : e.mode === '120000'
          ? 'symlink'
          : 'file';
  const self = `${api}/contents/${encodePath(e.path)}?ref=${encodeURIComponent(ref)}`;
  const git = `${api}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`;
  const html = `${urls.web}/${repo.fullName}/${e.type === 'tree' ? 'tree' : 'blob'}/${encodeURIComponent(ref)}/${encodePath(e.path)}`;
  return {
    name: e.path.split('/').pop() ?? e.path,
    path: e.path,
    sha: e.sha,
    size: e.size ?? 0,
    url: self,
    html_url: html,
    git_url: git,
    download_url:
      type === 'file'
        ? `${urls.web}/raw/${repo.fullName}/${encodeURIComponent(ref)}/${encodePath(e.path)}`
        : null,
    type,
    _links: { self, git, html },
  };
}

/** Base64 wrapped at 60 columns with a trailing newline, as GitHub serves file content. */
export function githubBase64(buf: Buffer): string {
  const b64 = buf.toString('base64');
  if (b64 === '') return '';
  const lines = b64.match(/.{1,60}/g) ?? [];
  return `${lines.join('\n')}\n`;
}

/** Percent-encodes each path segment. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** GitHub's `label` object. */
export function labelJson(repo: RepoState, l: LabelRecord, urls: Urls): Record<string, unknown> {
  return {
    id: l.id,
    node_id: l.nodeId,
    url: `${repoApi(repo, urls)}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    description: l.description,
    color: l.color,
    default: false,
  };
}

/** GitHub's `status` object. */
export function statusJson(
  repo: RepoState,
  sha: string,
  s: StatusRecord,
  creator: UserRecord,
  urls: Urls,
): Record<string, unknown> {
  return {
    url: `${repoApi(repo, urls)}/statuses/${sha}`,
    avatar_url: `${urls.web}/avatars/u/${creator.id}?v=4`,
    id: s.id,
    node_id: s.nodeId,
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    creator: userJson(creator, urls),
  };
}

/** GitHub's `team` object for a team of the repository owner's organisation, known by its slug. */
export function teamJson(org: UserRecord, slug: string, urls: Urls): Record<string, unknown> {
  // The test server keeps teams as slugs only; the id is derived from organisation and slug.
  const key = `${org.login.toLowerCase()}/${slug.toLowerCase()}`;
  const id = Number.parseInt(createHash('sha1').update(key).digest('hex').slice(0, 8), 16) % 1e9;
  const api = `${urls.api}/organizations/${org.id}/team/${id}`;
  return {
    id,
    node_id: `T_kwDO${Buffer.from(String(id)).toString('base64url')}`,
    url: api,
    html_url: `${urls.web}/orgs/${encodeURIComponent(org.login)}/teams/${encodeURIComponent(slug)}`,
    name: slug,
    slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'push',
    members_url: `${api}/members{/member}`,
    repositories_url: `${api}/repos`,
    type: 'organization',
    organization_id: org.id,
    parent: null,
  };
}

/** The links of a pull request: its URLs and the `_links` object. */
function pullLinks(api: string, html: string, n: number, headSha: string): Record<string, unknown> {
  const link = (href: string) => ({ href });
  return {
    commits_url: `${api}/pulls/${n}/commits`,
    review_comments_url: `${api}/pulls/${n}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${n}/comments`,
    statuses_url: `${api}/statuses/${headSha}`,
    _links: {
      self: link(`${api}/pulls/${n}`),
      html: link(html),
      issue: link(`${api}/issues/${n}`),
      comments: link(`${api}/issues/${n}/comments`),
      review_comments: link(`${api}/pulls/${n}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      commits: link(`${api}/pulls/${n}/commits`),
      statuses: link(`${api}/statuses/${headSha}`),
    },
  };
}

type UserLookup = { user(login: string): UserRecord };

/** Who is asked to review: users, and teams of the owner's organisation. */
function pullReviewRequests(repo: RepoState, v: PullView, users: UserLookup, urls: Urls) {
  return {
    requested_reviewers: v.pr.requestedReviewers.map((l) => userJson(users.user(l), urls)),
    requested_teams: v.pr.requestedTeams.map((slug) =>
      teamJson(users.user(repo.owner), slug, urls),
    ),
  };
}

/** The pull request's labels, as the PR schemas embed them. */
function pullLabels(repo: RepoState, v: PullView, urls: Urls): Record<string, unknown>[] {
  return v.pr.labels.flatMap((name) => {
    const l = repo.labels.get(name.toLowerCase());
    // The PR schemas type an embedded label's description as a plain string.
    return l ? [{ ...labelJson(repo, l, urls), description: l.description ?? '' }] : [];
  });
}

/** The `auto_merge` object: who enabled it and how it will merge, or null. */
function autoMergeJson(v: PullView, users: UserLookup, urls: Urls): Record<string, unknown> | null {
  const auto = v.pr.autoMerge;
  if (!auto) return null;
  return {
    enabled_by: userJson(users.user(auto.enabledBy), urls),
    merge_method: auto.mergeMethod,
    commit_title: auto.commitHeadline ?? '',
    commit_message: auto.commitBody ?? '',
  };
}

/** The fields only the full `pull-request` object has: merge state and counts. */
function fullPullFields(
  v: PullView,
  users: UserLookup,
  urls: Urls,
  stats?: { commits: number; additions: number; deletions: number; changedFiles: number },
): Record<string, unknown> {
  const pr = v.pr;
  return {
    merged: pr.merged,
    mergeable: v.mergeable,
    rebaseable: v.mergeable,
    mergeable_state: v.mergeableState,
    merged_by: pr.mergedBy ? userJson(users.user(pr.mergedBy), urls) : null,
    comments: pr.comments.length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: stats?.commits ?? 0,
    additions: stats?.additions ?? 0,
    deletions: stats?.deletions ?? 0,
    changed_files: stats?.changedFiles ?? 0,
  };
}

/** GitHub's `pull-request` (full) or `pull-request-simple` object. */
export function pullJson(
  repo: RepoState,
  v: PullView,
  users: UserLookup,
  urls: Urls,
  full: boolean,
  stats?: { commits: number; additions: number; deletions: number; changedFiles: number },
): Record<string, unknown> {
  const pr = v.pr;
  const api = repoApi(repo, urls);
  const html = `${urls.web}/${repo.fullName}/pull/${pr.number}`;
  const owner = users.user(repo.owner);
  const repoObj = repoJson(repo, owner, urls);
  const side = (ref: string, sha: string) => ({
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: userJson(owner, urls),
    repo: repoObj,
  });
  const json: Record<string, unknown> = {
    url: `${api}/pulls/${pr.number}`,
    id: pr.id,
    node_id: pr.nodeId,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pr.number}`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: userJson(users.user(pr.user), urls),
    body: pr.body,
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: pr.closedAt,
    merged_at: pr.mergedAt,
    merge_commit_sha: pr.mergeCommitSha,
    assignee: null,
    assignees: [],
    ...pullReviewRequests(repo, v, users, urls),
    labels: pullLabels(repo, v, urls),
    milestone: null,
    draft: pr.draft,
    head: side(pr.headRef, v.headSha),
    base: side(pr.baseRef, v.baseSha),
    ...pullLinks(api, html, pr.number, v.headSha),
    author_association: 'CONTRIBUTOR',
    auto_merge: autoMergeJson(v, users, urls),
    active_lock_reason: null,
  };
  if (full) Object.assign(json, fullPullFields(v, users, urls, stats));
  return json;
}
