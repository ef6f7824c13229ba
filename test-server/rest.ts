import { ApiError, notAccessible, notFound, validationFailed } from './auth.js';
import type { TreeChange } from './git-store.js';
import type { Caller, MergeMethod, RepoState, StatusState } from './model.js';
import {
  addLabels,
  closePullsForDeletedBranch,
  createPull,
  findPull,
  mergePull,
  recordStatus,
  updatePull,
  viewPull,
} from './pulls.js';
import {
  commitJson,
  contentEntryJson,
  encodePath,
  gitCommitJson,
  githubBase64,
  labelJson,
  pullJson,
  refJson,
  repoApi,
  repoJson,
  statusJson,
  type Urls,
  userJson,
} from './rest-shapes.js';
import { ensureNewline, githubCommitter, type Store, userSignature } from './store.js';

/** A parsed REST request (path without any `/api/v3` prefix). */
export interface RestRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  accept: string;
  caller: Caller;
  urls: Urls;
}

/** What the HTTP layer sends back. */
export interface RestResponse {
  status: number;
  body?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}

type Handler = (store: Store, req: RestRequest, params: string[]) => Promise<RestResponse>;

/** Files above this size are served like GitHub does for 1-100 MB files: no inline content. */
const INLINE_LIMIT = 1024 * 1024;

const SHA = /^[0-9a-f]{40}$/;

function obj(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function decodeSegments(path: string): string {
  return path
    .split('/')
    .map((s) => decodeURIComponent(s))
    .join('/');
}

function ok(body: unknown, status = 200): RestResponse {
  return { status, body };
}

const routes: Array<[string, RegExp, Handler]> = [];

function route(method: string, pattern: string, handler: Handler): void {
  // `{x}` matches one segment, `{x+}` the rest of the path (branch names and file paths have slashes).
  const re = new RegExp(
    `^${pattern.replace(/\{(\w+)(\+|\*)?\}/g, (_m, _n, rest) => (rest === '+' ? '(.+)' : rest === '*' ? '(.*)' : '([^/]+)'))}$`,
  );
  routes.push([method, re, handler]);
}

/** Dispatches a REST request; unknown routes answer 404 like GitHub. */
export async function handleRest(store: Store, req: RestRequest): Promise<RestResponse> {
  for (const [method, re, handler] of routes) {
    if (method !== req.method) continue;
    const m = re.exec(req.path);
    if (!m) continue;
    return handler(
      store,
      req,
      m.slice(1).map((p) => p ?? ''),
    );
  }
  throw notFound();
}

function fullName(params: string[]): string {
  return `${decodeURIComponent(params[0] ?? '')}/${decodeURIComponent(params[1] ?? '')}`;
}

// --- repository and branches -------------------------------------------------------------

route('GET', '/repos/{o}/{r}', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'metadata', 'read');
  return ok(repoJson(repo, store.tokens.user(repo.owner), req.urls, req.caller));
});

route('GET', '/repos/{o}/{r}/branches/{b+}', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'read');
  const branch = decodeSegments(p[2] ?? '');
  const head = await repo.git.branchHead(branch);
  if (!head) throw new ApiError(404, 'Branch not found');
  const commit = await repo.git.readCommit(head);
  if (!commit) throw notFound();
  const api = repoApi(repo, req.urls);
  const isProtected =
    branch === repo.defaultBranch && (repo.protectedBranch || repo.requiredChecks.length > 0);
  return ok({
    name: branch,
    commit: commitJson(repo, commit, req.urls),
    _links: {
      self: `${api}/branches/${encodePath(branch)}`,
      html: `${req.urls.web}/${repo.fullName}/tree/${encodePath(branch)}`,
    },
    protected: isProtected,
    protection: {
      enabled: isProtected,
      required_status_checks: {
        enforcement_level: repo.requiredChecks.length > 0 ? 'non_admins' : 'off',
        contexts: repo.requiredChecks,
        checks: repo.requiredChecks.map((context) => ({ context, app_id: null })),
      },
    },
    protection_url: `${api}/branches/${encodePath(branch)}/protection`,
  });
});

// --- refs -------------------------------------------------------------------------------

route('GET', '/repos/{o}/{r}/git/ref/heads/{b+}', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'read');
  const branch = decodeSegments(p[2] ?? '');
  const head = await repo.git.branchHead(branch);
  if (!head) throw notFound();
  return ok(refJson(repo, branch, head, store.refNodeId(repo, `refs/heads/${branch}`), req.urls));
});

route('POST', '/repos/{o}/{r}/git/refs', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'write');
  const body = obj(req.body);
  const ref = str(body.ref);
  const sha = str(body.sha);
  if (!ref || !sha) throw validationFailed([], 'Invalid request.\n\n"ref" and "sha" are required.');
  if (!ref.startsWith('refs/heads/') || ref.length <= 'refs/heads/'.length) {
    throw validationFailed(
      [],
      "Reference name must start with 'refs/' and have at least two slashes.",
    );
  }
  if ((await repo.git.objectType(sha)) !== 'commit')
    throw validationFailed([], 'Object does not exist');
  const branch = ref.slice('refs/heads/'.length);
  if (!(await store.cas(repo, branch, sha, null)))
    throw validationFailed([], 'Reference already exists');
  const json = refJson(repo, branch, sha, store.refNodeId(repo, ref), req.urls);
  return { status: 201, body: json, headers: { location: String(json.url) } };
});

route('PATCH', '/repos/{o}/{r}/git/refs/heads/{b+}', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'write');
  const branch = decodeSegments(p[2] ?? '');
  const body = obj(req.body);
  const sha = str(body.sha);
  const force = body.force === true;
  if (!sha) throw validationFailed([], 'Invalid request.\n\n"sha" wasn\'t supplied.');
  if ((await repo.git.objectType(sha)) !== 'commit')
    throw validationFailed([], 'Object does not exist');
  const violation = store.protectionViolation(repo, branch);
  if (violation) throw new ApiError(422, violation);
  await repo.lock.run(async () => {
    const head = await repo.git.branchHead(branch);
    if (!head) throw validationFailed([], 'Reference does not exist');
    if (!force && !(await repo.git.isAncestor(head, sha))) {
      throw validationFailed([], 'Update is not a fast forward');
    }
    if (!(await store.casLocked(repo, branch, sha, head)))
      throw new ApiError(409, 'Reference update failed');
  });
  return ok(refJson(repo, branch, sha, store.refNodeId(repo, `refs/heads/${branch}`), req.urls));
});

route('DELETE', '/repos/{o}/{r}/git/refs/heads/{b+}', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'write');
  const branch = decodeSegments(p[2] ?? '');
  if (branch === repo.defaultBranch) throw validationFailed([], 'Cannot delete the default branch');
  await repo.lock.run(async () => {
    const head = await repo.git.branchHead(branch);
    if (!head || !(await repo.git.deleteBranch(branch, head))) {
      throw validationFailed([], 'Reference does not exist');
    }
  });
  closePullsForDeletedBranch(repo, branch);
  return { status: 204 };
});

// --- contents ---------------------------------------------------------------------------

route('GET', '/repos/{o}/{r}/contents{path*}', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'read');
  const path = decodeSegments((p[2] ?? '').replace(/^\/+|\/+$/g, ''));
  const ref = req.query.get('ref') || repo.defaultBranch;
  const commit = await repo.git.resolveCommit(ref);
  if (!commit) throw new ApiError(404, `No commit found for the ref ${ref}`);
  const entry = await repo.git.entryAt(commit, path);
  if (!entry) throw notFound();
  if (entry.type === 'tree') {
    const children = await repo.git.listTree(entry.sha);
    return ok(
      children.map((c) =>
        contentEntryJson(repo, ref, { ...c, path: path ? `${path}/${c.path}` : c.path }, req.urls),
      ),
    );
  }
  const content = (await repo.git.readBlob(entry.sha)) ?? Buffer.alloc(0);
  if (/application\/vnd\.github(?:\.v3)?\.raw/.test(req.accept)) {
    return {
      status: 200,
      raw: content,
      headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' },
    };
  }
  const json = contentEntryJson(repo, ref, entry, req.urls);
  if (content.length > INLINE_LIMIT) {
    json.content = '';
    json.encoding = 'none';
  } else {
    json.content = githubBase64(content);
    json.encoding = 'base64';
  }
  return ok(json);
});

route('PUT', '/repos/{o}/{r}/contents/{path+}', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'write');
  const path = decodeSegments(p[2] ?? '').replace(/^\/+|\/+$/g, '');
  const body = obj(req.body);
  const message = str(body.message);
  const content = str(body.content);
  if (message === undefined)
    throw validationFailed([], 'Invalid request.\n\n"message" wasn\'t supplied.');
  if (content === undefined)
    throw validationFailed([], 'Invalid request.\n\n"content" wasn\'t supplied.');
  const branch = str(body.branch) ?? repo.defaultBranch;
  const given = str(body.sha);
  const bytes = Buffer.from(content, 'base64');
  const signed = req.caller.kind !== 'pat';
  const authorIn = obj(body.author);
  const author = {
    ...userSignature(req.caller.user),
    ...(str(authorIn.name) ? { name: str(authorIn.name) as string } : {}),
    ...(str(authorIn.email) ? { email: str(authorIn.email) as string } : {}),
  };
  const committer = signed ? githubCommitter() : author;
  // Like GitHub, the precondition is the file's blob sha, not the branch head, so the whole
  // read-check-commit runs under the repository lock: concurrent writes to other files land.
  return repo.lock.run(async () => {
    const head = await repo.git.branchHead(branch);
    if (!head) throw new ApiError(404, `Branch ${branch} not found`);
    const existing = await repo.git.entryAt(head, path);
    if (existing?.type === 'tree')
      throw validationFailed([], `Invalid request.\n\n"${path}" is a directory.`);
    if (existing && given === undefined)
      throw validationFailed([], 'Invalid request.\n\n"sha" wasn\'t supplied.');
    if (existing && given !== existing.sha)
      throw new ApiError(409, `${path} does not match ${given}`);
    const violation = store.protectionViolation(repo, branch);
    if (violation) throw new ApiError(409, violation);
    const commit = await store.buildCommit(
      repo,
      head,
      { additions: [{ path, content: bytes }], deletions: [] },
      ensureNewline(message),
      author,
      committer,
    );
    if (!(await store.casLocked(repo, branch, commit.sha, head)))
      throw new ApiError(409, `${path} does not match ${given}`);
    if (signed) store.markVerified(repo, commit.sha);
    const entry = await repo.git.entryAt(commit.sha, path);
    if (!entry) throw new Error('written file vanished');
    return ok(
      {
        content: contentEntryJson(repo, branch, entry, req.urls),
        commit: gitCommitJson(repo, commit, req.urls),
      },
      existing ? 200 : 201,
    );
  });
});

// --- git data ---------------------------------------------------------------------------

route('GET', '/repos/{o}/{r}/git/trees/{sha+}', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'read');
  // GitHub resolves HEAD to the default branch here (`git/trees/HEAD?recursive=1`).
  const named = decodeSegments(p[2] ?? '');
  const ref = named === 'HEAD' ? repo.defaultBranch : named;
  let treeSha: string | undefined;
  const type = SHA.test(ref) ? await repo.git.objectType(ref) : undefined;
  if (type === 'tree') treeSha = ref;
  else {
    const commit = await repo.git.resolveCommit(ref);
    if (commit) treeSha = (await repo.git.readCommit(commit))?.tree;
  }
  if (!treeSha) throw notFound();
  const recursive = req.query.has('recursive');
  const entries = await repo.git.listTree(treeSha, recursive);
  const api = repoApi(repo, req.urls);
  const { kept, truncated } = truncate(entries, store, (e) => ({
    path: e.path,
    mode: e.mode,
    type: e.type,
    sha: e.sha,
    ...(e.type === 'blob' ? { size: e.size ?? 0 } : {}),
    url: `${api}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
  }));
  return ok({ sha: treeSha, url: `${api}/git/trees/${treeSha}`, tree: kept, truncated });
});

/**
 * GitHub's limits on one tree answer: at most `treeEntryLimit` entries and `treeByteLimit` bytes
 * of them; beyond, the first ones in tree order, and `truncated: true`.
 */
function truncate<T, J>(
  entries: T[],
  store: Store,
  json: (entry: T) => J,
): { kept: J[]; truncated: boolean } {
  const kept: J[] = [];
  let bytes = 0;
  const limit = Math.min(entries.length, store.treeEntryLimit);
  for (let i = 0; i < limit; i++) {
    const entry = json(entries[i] as T);
    bytes += JSON.stringify(entry).length + 1;
    if (bytes > store.treeByteLimit) return { kept, truncated: true };
    kept.push(entry);
  }
  return { kept, truncated: limit < entries.length };
}

route('GET', '/repos/{o}/{r}/git/blobs/{sha}', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'read');
  const sha = p[2] ?? '';
  const content = SHA.test(sha) ? await repo.git.readBlob(sha) : undefined;
  if (!content) throw notFound();
  return ok({
    sha,
    node_id: `B_kwDO${Buffer.from(`${repo.id}:${sha}`).toString('base64url')}`,
    size: content.length,
    url: `${repoApi(repo, req.urls)}/git/blobs/${sha}`,
    content: githubBase64(content),
    encoding: 'base64',
  });
});

route('POST', '/repos/{o}/{r}/git/blobs', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'write');
  const body = obj(req.body);
  const content = str(body.content);
  if (content === undefined)
    throw validationFailed([], 'Invalid request.\n\n"content" wasn\'t supplied.');
  const encoding = str(body.encoding) ?? 'utf-8';
  if (encoding !== 'utf-8' && encoding !== 'base64') {
    throw validationFailed([], `Invalid request.\n\n"${encoding}" is not a valid encoding.`);
  }
  const sha = await repo.git.hashBlob(
    Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'),
  );
  const url = `${repoApi(repo, req.urls)}/git/blobs/${sha}`;
  return { status: 201, body: { url, sha }, headers: { location: url } };
});

route('POST', '/repos/{o}/{r}/git/trees', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'write');
  const body = obj(req.body);
  const baseTreeIn = str(body.base_tree);
  let baseTree: string | undefined;
  if (baseTreeIn) {
    const type = SHA.test(baseTreeIn) ? await repo.git.objectType(baseTreeIn) : undefined;
    if (type === 'tree') baseTree = baseTreeIn;
    else if (type === 'commit') baseTree = (await repo.git.readCommit(baseTreeIn))?.tree;
    else throw validationFailed([], 'Invalid request.\n\nbase_tree is not a valid tree oid');
  }
  if (!Array.isArray(body.tree))
    throw validationFailed([], 'Invalid request.\n\n"tree" wasn\'t supplied.');
  const changes: TreeChange[] = [];
  for (const raw of body.tree) {
    const e = obj(raw);
    const path = str(e.path);
    const mode = str(e.mode) ?? '100644';
    if (!path) throw validationFailed([], 'Invalid request.\n\n"path" wasn\'t supplied.');
    if (!['100644', '100755', '040000', '160000', '120000'].includes(mode)) {
      throw validationFailed(
        [],
        `Invalid request.\n\n${JSON.stringify(mode)} is not a valid mode.`,
      );
    }
    if (e.sha === null) {
      changes.push({ path, sha: null });
      continue;
    }
    let sha = str(e.sha);
    const content = str(e.content);
    if (content !== undefined) sha = await repo.git.hashBlob(Buffer.from(content, 'utf8'));
    if (!sha || !(await repo.git.objectType(sha))) {
      throw validationFailed([], `Invalid request.\n\nsha for ${path} is not a valid object`);
    }
    if (mode === '040000') {
      // The index holds only files, so a subtree is spliced in file by file.
      changes.push({ path, sha: null });
      for (const f of await repo.git.listTree(sha, true)) {
        if (f.type !== 'tree')
          changes.push({ path: `${path}/${f.path}`, mode: f.mode, sha: f.sha });
      }
    } else {
      changes.push({ path, mode, sha });
    }
  }
  const tree = await repo.git.buildTree(baseTree, changes);
  const entries = await repo.git.listTree(tree);
  const api = repoApi(repo, req.urls);
  const url = `${api}/git/trees/${tree}`;
  return {
    status: 201,
    headers: { location: url },
    body: {
      sha: tree,
      url,
      tree: entries.map((e) => ({
        path: e.path,
        mode: e.mode,
        type: e.type,
        sha: e.sha,
        ...(e.type === 'blob' ? { size: e.size ?? 0 } : {}),
        url: `${api}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
      })),
      truncated: false,
    },
  };
});

route('POST', '/repos/{o}/{r}/git/commits', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'write');
  const body = obj(req.body);
  const message = str(body.message);
  const tree = str(body.tree);
  if (message === undefined)
    throw validationFailed([], 'Invalid request.\n\n"message" wasn\'t supplied.');
  if (!tree || (await repo.git.objectType(tree)) !== 'tree')
    throw validationFailed([], 'Tree SHA does not exist');
  const parents = Array.isArray(body.parents)
    ? body.parents.filter((x): x is string => typeof x === 'string')
    : [];
  for (const parent of parents) {
    if ((await repo.git.objectType(parent)) !== 'commit') {
      throw validationFailed([], 'Parent SHA does not exist or is not a commit object');
    }
  }
  const person = (v: unknown) => {
    const o = obj(v);
    const base = userSignature(req.caller.user);
    return {
      name: str(o.name) ?? base.name,
      email: str(o.email) ?? base.email,
      date: str(o.date)
        ? new Date(str(o.date) as string).toISOString().replace(/\.\d{3}Z$/, 'Z')
        : base.date,
    };
  };
  const author = person(body.author);
  const committer = body.committer ? person(body.committer) : author;
  const sha = await repo.git.commitTree({ tree, parents, message, author, committer });
  const info = await repo.git.readCommit(sha);
  if (!info) throw new Error('commit vanished');
  const json = gitCommitJson(repo, info, req.urls);
  return { status: 201, body: json, headers: { location: String(json.url) } };
});

route('GET', '/repos/{o}/{r}/git/commits/{sha}', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'read');
  const info = SHA.test(p[2] ?? '') ? await repo.git.readCommit(p[2] ?? '') : undefined;
  if (!info) throw notFound();
  return ok(gitCommitJson(repo, info, req.urls));
});

// --- pull requests ----------------------------------------------------------------------

async function fullPull(
  store: Store,
  repo: RepoState,
  number: number,
  urls: Urls,
): Promise<Record<string, unknown>> {
  const pr = findPull(repo, number);
  if (!pr) throw notFound();
  const view = await viewPull(repo, pr);
  const base = (await repo.git.mergeBase(view.baseSha, view.headSha)) ?? view.baseSha;
  const commits = (await repo.git.commitsBetween(base, view.headSha)).length;
  const stats = await repo.git.diffStats(base, view.headSha);
  return pullJson(repo, view, store.tokens, urls, true, {
    commits,
    additions: stats.additions,
    deletions: stats.deletions,
    changedFiles: stats.files,
  });
}

function pullNumber(s: string | undefined): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) throw notFound();
  return n;
}

route('GET', '/repos/{o}/{r}/pulls', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'pullRequests', 'read');
  const state = req.query.get('state') ?? 'open';
  const head = req.query.get('head');
  const base = req.query.get('base');
  const direction = req.query.get('direction') ?? 'desc';
  const perPage = Math.min(Number(req.query.get('per_page') ?? 30) || 30, 100);
  const page = Math.max(Number(req.query.get('page') ?? 1) || 1, 1);
  let list = repo.pulls.filter((pr) => state === 'all' || pr.state === state);
  if (head) {
    const [owner, branch] = head.includes(':') ? head.split(/:(.*)/s) : [repo.owner, head];
    list =
      owner?.toLowerCase() === repo.owner.toLowerCase() && branch
        ? list.filter((pr) => pr.headRef === branch)
        : [];
  }
  if (base) list = list.filter((pr) => pr.baseRef === base);
  list = [...list].sort((a, b) =>
    direction === 'asc' ? a.number - b.number : b.number - a.number,
  );
  const slice = list.slice((page - 1) * perPage, page * perPage);
  const out: unknown[] = [];
  for (const pr of slice)
    out.push(pullJson(repo, await viewPull(repo, pr), store.tokens, req.urls, false));
  return ok(out);
});

route('POST', '/repos/{o}/{r}/pulls', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'pullRequests', 'write');
  const body = obj(req.body);
  const pr = await createPull(store, repo, req.caller.user, {
    title: str(body.title),
    body: str(body.body) ?? null,
    head: str(body.head),
    base: str(body.base),
    draft: body.draft === true,
  });
  const json = await fullPull(store, repo, pr.number, req.urls);
  return { status: 201, body: json, headers: { location: String(json.url) } };
});

route('GET', '/repos/{o}/{r}/pulls/{n}', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'pullRequests', 'read');
  return ok(await fullPull(store, repo, pullNumber(p[2]), req.urls));
});

route('PATCH', '/repos/{o}/{r}/pulls/{n}', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'pullRequests', 'write');
  const pr = findPull(repo, pullNumber(p[2]));
  if (!pr) throw notFound();
  const body = obj(req.body);
  await updatePull(repo, pr, {
    title: str(body.title),
    body: body.body === null ? null : str(body.body),
    state: str(body.state),
    base: str(body.base),
  });
  return ok(await fullPull(store, repo, pr.number, req.urls));
});

route('PUT', '/repos/{o}/{r}/pulls/{n}/merge', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'write');
  const pr = findPull(repo, pullNumber(p[2]));
  if (!pr) throw notFound();
  const body = obj(req.body);
  const method = str(body.merge_method) ?? 'merge';
  if (!['merge', 'squash', 'rebase'].includes(method)) {
    throw validationFailed([
      { resource: 'PullRequest', field: 'merge_method', code: 'invalid', value: method },
    ]);
  }
  const sha = await mergePull(store, repo, pr, req.caller.user, {
    method: method as MergeMethod,
    expectedHeadSha: str(body.sha) ?? null,
    commitTitle: str(body.commit_title) ?? null,
    commitMessage: str(body.commit_message) ?? null,
  });
  return ok({ sha, merged: true, message: 'Pull Request successfully merged' });
});

route('POST', '/repos/{o}/{r}/issues/{n}/labels', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'pullRequests', 'write');
  const pr = findPull(repo, pullNumber(p[2]));
  if (!pr) throw notFound();
  const raw = Array.isArray(req.body) ? req.body : obj(req.body).labels;
  if (!Array.isArray(raw))
    throw validationFailed([], 'Invalid request.\n\n"labels" wasn\'t supplied.');
  const names = raw
    .map((l) => (typeof l === 'string' ? l : str(obj(l).name)))
    .filter((l): l is string => !!l);
  addLabels(store, repo, pr, names);
  return ok(
    pr.labels.flatMap((n) => {
      const l = repo.labels.get(n.toLowerCase());
      return l ? [labelJson(repo, l, req.urls)] : [];
    }),
  );
});

route('POST', '/repos/{o}/{r}/pulls/{n}/requested_reviewers', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'pullRequests', 'write');
  const pr = findPull(repo, pullNumber(p[2]));
  if (!pr) throw notFound();
  const body = obj(req.body);
  const reviewers = Array.isArray(body.reviewers)
    ? body.reviewers.filter((r): r is string => typeof r === 'string')
    : [];
  if (reviewers.some((r) => r.toLowerCase() === pr.user.toLowerCase())) {
    throw validationFailed([], 'Review cannot be requested from pull request author.');
  }
  const teams = Array.isArray(body.team_reviewers)
    ? body.team_reviewers.filter((t): t is string => typeof t === 'string')
    : [];
  if (teams.some((t) => !repo.teams.includes(t.toLowerCase()))) {
    throw validationFailed(
      [],
      `Reviews may only be requested from collaborators. One or more of the teams you specified is not a collaborator of the ${repo.fullName} repository.`,
    );
  }
  for (const r of reviewers) {
    const login = store.tokens.user(r).login;
    if (!pr.requestedReviewers.includes(login)) pr.requestedReviewers.push(login);
  }
  for (const t of teams) if (!pr.requestedTeams.includes(t)) pr.requestedTeams.push(t);
  return ok(pullJson(repo, await viewPull(repo, pr), store.tokens, req.urls, false), 201);
});

// --- statuses ---------------------------------------------------------------------------

route('POST', '/repos/{o}/{r}/statuses/{sha}', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'write');
  const sha = p[2] ?? '';
  const body = obj(req.body);
  const state = str(body.state);
  if (!state || !['success', 'failure', 'pending', 'error'].includes(state)) {
    throw validationFailed([
      {
        resource: 'Status',
        field: 'state',
        code: 'custom',
        message: 'state is not included in the list',
      },
    ]);
  }
  const record = await recordStatus(
    store,
    repo,
    sha,
    {
      state: state as StatusState,
      context: str(body.context),
      description: str(body.description) ?? null,
      targetUrl: str(body.target_url) ?? null,
    },
    req.caller.login,
  );
  const json = statusJson(repo, sha, record, req.caller.user, req.urls);
  return { status: 201, body: json, headers: { location: String(json.url) } };
});

route('GET', '/repos/{o}/{r}/commits/{ref+}/status', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'read');
  const ref = decodeSegments(p[2] ?? '');
  const sha = await repo.git.resolveCommit(ref);
  if (!sha) throw new ApiError(422, `No commit found for SHA: ${ref}`);
  const statuses = [...(repo.statuses.get(sha)?.values() ?? [])];
  // GitHub's combined state: any failure/error wins, then pending (also when there are none).
  const state = statuses.some((s) => s.state === 'failure' || s.state === 'error')
    ? 'failure'
    : statuses.length === 0 || statuses.some((s) => s.state === 'pending')
      ? 'pending'
      : 'success';
  const api = repoApi(repo, req.urls);
  return ok({
    state,
    statuses: statuses.map((s) => {
      const { creator: _creator, ...rest } = statusJson(
        repo,
        sha,
        s,
        store.tokens.user(s.creator),
        req.urls,
      );
      return rest;
    }),
    sha,
    total_count: statuses.length,
    repository: repoJson(repo, store.tokens.user(repo.owner), req.urls),
    commit_url: `${api}/commits/${sha}`,
    url: `${api}/commits/${sha}/status`,
  });
});

route('GET', '/repos/{o}/{r}/commits/{ref+}', async (store, req, p) => {
  const repo = store.access(req.caller, fullName(p), 'contents', 'read');
  const ref = decodeSegments(p[2] ?? '');
  const sha = await repo.git.resolveCommit(ref);
  const info = sha ? await repo.git.readCommit(sha) : undefined;
  if (!info) throw new ApiError(422, `No commit found for SHA: ${ref}`);
  return ok(commitJson(repo, info, req.urls));
});

route('GET', '/user', async (_store, req) => {
  if (req.caller.kind !== 'pat') throw notAccessible(req.caller);
  return ok(userJson(req.caller.user, req.urls));
});
