export const id = 167;
export const ids = [167,767,81];
export const modules = {

/***/ 6167:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  connectGitHub: () => (/* binding */ connectGitHub)
});

// EXTERNAL MODULE: ./src/stores/workspace.ts
var workspace = __webpack_require__(7767);
;// CONCATENATED MODULE: ./src/stores/github/documents.ts
// The GraphQL documents the action sends. User input never enters a document: paths, names and
// messages travel as variables; the only generated parts are aliases (f0, f1, l0, u0, ...).
// Every document built here is checked against GitHub's schema in __tests__/github.
/** The fields of a file at a commit. */
const ENTRY = 'oid mode type object { ... on Blob { text byteSize isBinary isTruncated } }';
function filesAt(count) {
    const files = [];
    for (let i = 0; i < count; i++)
        files.push(`f${i}: file(path: $p${i}) { ${ENTRY} }`);
    return files.join(' ');
}
/** A commit's message and first parent, to recognise a commit this run made. */
const LINEAGE = 'messageHeadline messageBody parents(first: 1) { nodes { oid messageHeadline messageBody parents(first: 1) { nodes { oid } } } }';
/** When the newest commits landed ($landed of them), to see how busy the branch is. */
const LANDED = 'landed: history(first: $landed) { nodes { committedDate } }';
function branchFields(count, lineage = false, landed = false) {
    return `id name target { ... on Commit { oid ${lineage ? `${LINEAGE} ` : ''}${landed ? `${LANDED} ` : ''}${filesAt(count)} } }`;
}
/** The open pull requests of a repository, to find this action's earlier ones (by body marker). */
const BUMP_PULLS = 'bumps: pullRequests(states: [OPEN], first: 100) { nodes { id number url headRefName baseRefName body headRef { id } } }';
const PULL = 'id number url headRefOid baseRefName author { login } autoMergeRequest { enabledAt }';
/** One query for everything a bump needs to know before it writes. */
function snapshotDocument(shape) {
    const vars = ['$owner: String!', '$name: String!'];
    for (let i = 0; i < shape.paths; i++)
        vars.push(`$p${i}: String!`);
    if (shape.branch)
        vars.push('$branch: String!');
    if (shape.landed)
        vars.push('$landed: Int!');
    if (shape.prBranch)
        vars.push('$head: String!', '$headName: String!');
    for (let i = 0; i < shape.labels; i++)
        vars.push(`$l${i}: String!`);
    for (let i = 0; i < shape.users; i++)
        vars.push(`$u${i}: String!`);
    const repo = [
        'id nameWithOwner url autoMergeAllowed squashMergeAllowed mergeCommitAllowed rebaseMergeAllowed',
        'defaultBranchRef { name }',
        shape.branch
            ? `base: ref(qualifiedName: $branch) { ${branchFields(shape.paths, shape.lineage, shape.landed)} }`
            : `base: defaultBranchRef { ${branchFields(shape.paths, shape.lineage, shape.landed)} }`,
    ];
    if (shape.bumpPulls)
        repo.push(BUMP_PULLS);
    if (shape.prBranch) {
        repo.push(`head: ref(qualifiedName: $head) { ${branchFields(shape.paths)} }`);
        repo.push(`pulls: pullRequests(headRefName: $headName, states: [OPEN], first: 10) { nodes { ${PULL} } }`);
    }
    for (let i = 0; i < shape.labels; i++)
        repo.push(`l${i}: label(name: $l${i}) { id name }`);
    const top = [`repository(owner: $owner, name: $name) { ${repo.join(' ')} }`];
    for (let i = 0; i < shape.users; i++)
        top.push(`u${i}: user(login: $u${i}) { id login }`);
    return `query GitopsBumpSnapshot(${vars.join(', ')}) { ${top.join(' ')} }`;
}
const COMMIT = 'commit { oid url }';
/** The snapshot question for a query: the document and its variables, as the client sends them. */
function snapshotRequest(q) {
    const shape = {
        paths: q.paths.length,
        branch: q.branch !== undefined,
        prBranch: q.prBranch !== undefined,
        labels: (q.labels ?? []).length,
        users: (q.users ?? []).length,
        ...(q.lineage && { lineage: true }),
        ...(q.bumpPulls && { bumpPulls: true }),
        ...(q.landed && { landed: true }),
    };
    return { query: snapshotDocument(shape), variables: snapshotVariables(q) };
}
/** The variables of the snapshot document: paths, branches, labels and users by alias. */
function snapshotVariables(q) {
    const variables = { owner: q.repo.owner, name: q.repo.name };
    q.paths.forEach((p, i) => {
        variables[`p${i}`] = p;
    });
    if (q.branch !== undefined)
        variables.branch = `refs/heads/${q.branch}`;
    if (q.landed)
        variables.landed = Math.min(100, q.landed);
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
const COMMIT_DOCUMENT = `mutation GitopsBumpCommit($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { ${COMMIT} } }`;
/** Opens a pull request in one request: branch, commit, pull request (run in this order). */
function openPullDocument(resetStaleBranch) {
    const ref = resetStaleBranch
        ? 'updateRef(input: $ref) { ref { id } }'
        : 'createRef(input: $ref) { ref { id } }';
    const refInput = resetStaleBranch ? 'UpdateRefInput!' : 'CreateRefInput!';
    return `mutation GitopsBumpOpenPull($ref: ${refInput}, $commit: CreateCommitOnBranchInput!, $pull: CreatePullRequestInput!) { ${ref} createCommitOnBranch(input: $commit) { ${COMMIT} } createPullRequest(input: $pull) { pullRequest { ${PULL} } } }`;
}
/** Adds a commit to an open pull request and refreshes its title and body. */
const UPDATE_PULL_DOCUMENT = `mutation GitopsBumpUpdatePull($commit: CreateCommitOnBranchInput!, $pull: UpdatePullRequestInput!) { createCommitOnBranch(input: $commit) { ${COMMIT} } updatePullRequest(input: $pull) { pullRequest { id } } }`;
const MERGED = 'pullRequest { merged mergeCommit { oid url } }';
/** Labels, reviewers, and auto-merge or merge, in one request. */
function finishDocument(shape) {
    const vars = [];
    const steps = [];
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
        steps.push('enablePullRequestAutoMerge(input: $auto) { pullRequest { autoMergeRequest { enabledAt } } }');
    }
    else if (shape.merge === 'now') {
        vars.push('$merge: MergePullRequestInput!');
        steps.push(`mergePullRequest(input: $merge) { ${MERGED} }`);
    }
    if (steps.length === 0)
        return undefined;
    return `mutation GitopsBumpFinishPull(${vars.join(', ')}) { ${steps.join(' ')} }`;
}
/** Merges a pull request whose head is the expected one. */
const MERGE_DOCUMENT = `mutation GitopsBumpMerge($merge: MergePullRequestInput!) { mergePullRequest(input: $merge) { ${MERGED} } }`;
/** Comments on, closes, and deletes the branches of pull requests, in one request. */
function closePullsDocument(shape) {
    const vars = [];
    const steps = [];
    shape.deleteBranch.forEach((del, i) => {
        vars.push(`$c${i}: AddCommentInput!`, `$x${i}: ClosePullRequestInput!`);
        steps.push(`c${i}: addComment(input: $c${i}) { clientMutationId }`, `x${i}: closePullRequest(input: $x${i}) { pullRequest { number state } }`);
        if (del) {
            vars.push(`$d${i}: DeleteRefInput!`);
            steps.push(`d${i}: deleteRef(input: $d${i}) { clientMutationId }`);
        }
    });
    return `mutation GitopsBumpClosePulls(${vars.join(', ')}) { ${steps.join(' ')} }`;
}
/** The state of one pull request, polled while waiting for its merge. */
const PULL_STATE_DOCUMENT = 'query GitopsBumpPullState($id: ID!) { node(id: $id) { ... on PullRequest { state mergeCommit { oid url } } } }';

// EXTERNAL MODULE: ./src/stores/github/errors.ts
var errors = __webpack_require__(2437);
// EXTERNAL MODULE: ./node_modules/@octokit/core/dist-src/index.js + 12 modules
var dist_src = __webpack_require__(4730);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(3251);
var light_default = /*#__PURE__*/__webpack_require__.n(light);
;// CONCATENATED MODULE: ./src/stores/github/bottleneck-yield.ts
// Bottleneck (light) is the queue under @octokit/plugin-retry and @octokit/plugin-throttling. Its
// in-process store acts out a remote one: every step of every job first yields to the event loop
// with setTimeout(0), which node rounds up to 1 ms and runs only in the timers phase. A request
// through both plugins takes a dozen such steps, about 17 ms measured per GitHub request, on a
// run that makes two. This makes the store yield with setImmediate instead: still a turn of the
// event loop (the order of Bottleneck's steps is unchanged), without the timer's rounding. Waits
// Bottleneck means to make (a positive delay) keep their timer.

/** Patches the store's prototype once; returns Bottleneck for the client. */
function quickYieldingBottleneck() {
    const limiter = new (light_default())();
    const store = limiter._store && Object.getPrototypeOf(limiter._store);
    if (store && typeof store.yieldLoop === 'function' && !patched.has(store)) {
        patched.add(store);
        store.yieldLoop = function (ms = 0) {
            return new this.Promise((resolve) => ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve));
        };
    }
    return (light_default());
}
const patched = new WeakSet();

// EXTERNAL MODULE: ./src/stores/github/proxy.ts + 2 modules
var proxy = __webpack_require__(8081);
;// CONCATENATED MODULE: ./src/stores/github/octokit.ts
// The one configured Octokit: GitHub.com or Enterprise URLs from the runner, proxy support from
// @actions/github (proxy.ts), a timeout per attempt, and the retry and throttling plugins tuned
// so that reads are retried on 5xx and timeouts, secondary rate limits are waited out within a
// bound, and writes are never re-sent blindly (the write layer checks whether a write landed
// first). The client is @octokit/core with those two plugins only: REST calls name their route
// (`octokit.request('GET /repos/{owner}/{repo}')`), so the thousand generated REST methods of
// @actions/github's client are never loaded.






/** Wraps fetch so that each attempt is abandoned after `timeoutMs`. */
function fetchWithTimeout(inner, timeoutMs) {
    return (input, init) => {
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
        return inner(input, { ...init, signal });
    };
}
/** Statuses the retry plugin leaves alone: client errors, and 429, which the throttling plugin waits out by its retry-after. */
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];
/** Builds the client. Mutations must pass `request: { retries: 0 }` (see `WRITE`). */
function createOctokit(options) {
    const Bottleneck = quickYieldingBottleneck();
    const Client = dist_src/* Octokit */.E.plugin(dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
    const maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
    // Through a proxy: @actions/github's fetch (undici with its ProxyAgent; run.ts loaded it
    // first). Otherwise node's own fetch, which starts faster than the bundled undici.
    const baseFetch = (0,proxy.proxyFetch)() ?? fetch;
    const waitOrGiveUp = (kind) => (retryAfter, request, _o, count) => {
        if (retryAfter <= maxRetryAfter && count < 3) {
            options.log?.warning(`GitHub ${kind} rate limit on ${request.method} ${request.url}: waiting ${retryAfter} s, then retrying.`);
            return true;
        }
        return false;
    };
    return new Client({
        auth: options.token,
        baseUrl: options.apiUrl,
        userAgent: 'gitops-bump',
        request: {
            fetch: options.early
                ? options.early.wrap(fetchWithTimeout(baseFetch, options.timeoutMs))
                : fetchWithTimeout(baseFetch, options.timeoutMs),
        },
        retry: { doNotRetry: DO_NOT_RETRY, retries: 3 },
        throttle: {
            // The default write group spaces writes and GraphQL calls a second apart; a bump makes
            // its few calls one after another, so no spacing is needed.
            write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
            onSecondaryRateLimit: waitOrGiveUp('secondary'),
            // A primary limit at zero lasts until the reset time: fail fast and say when.
            onRateLimit: () => false,
        },
        log: {
            debug: (m) => options.log?.debug(m),
            info: (m) => options.log?.debug(m),
            warn: (m) => options.log?.warning(m),
            error: (m) => options.log?.warning(m),
        },
    });
}
/** Request options for a write: never retried by the plugin. */
const WRITE = { request: { retries: 0 } };

;// CONCATENATED MODULE: ./src/stores/github/tree.ts
// Listing the files of a GitHub repository for globs, also when GitHub truncates the recursive
// tree (more than 100,000 entries or 7 MB): then only the folders the globs can match are listed
// (each glob's static prefix, `apps/` for `apps/**/values.yaml`), tree by tree, descending into
// a folder's subfolders only when that folder's own recursive listing is truncated too.
/** The most tree requests one listing makes; beyond, it stops and asks for narrower globs. */
const MAX_TREE_REQUESTS = 200;
/** Thrown when a listing would need more requests than MAX_TREE_REQUESTS, or cannot be made. */
class TreeListingError extends Error {
}
/**
 * Lists the files at `ref`: one recursive request when GitHub answers it whole; else only the
 * files below the folders `under` ('' for the root), with at most MAX_TREE_REQUESTS requests:
 * 1 + the base folders' depth + 2 per folder whose recursive listing is truncated + 1 per
 * subfolder of such a folder.
 */
async function listTree(read, ref, under) {
    let requests = 0;
    const get = (sha, recursive) => {
        if (++requests > MAX_TREE_REQUESTS) {
            throw new TreeListingError(`the repository has more files than GitHub lists in one answer, and listing the folders the globs name (${under.map((u) => `'${u || '/'}'`).join(', ')}) took more than ${MAX_TREE_REQUESTS} requests; narrow the globs to smaller folders, or name the files`);
        }
        return read(sha, recursive);
    };
    const root = await get(ref, true);
    if (!root.truncated)
        return { paths: blobs(root.entries, ''), complete: true };
    // Folders the truncated answer did name: no request needed to find them.
    const known = new Map([['', root.sha]]);
    for (const e of root.entries)
        if (e.type === 'tree')
            known.set(e.path, e.sha);
    const paths = [];
    for (const base of outermost(under)) {
        const sha = await folderSha(get, base, known);
        if (sha !== undefined)
            await collect(get, sha, base, paths, base === '');
    }
    return { paths: paths.sort(), complete: false };
}
/** The folders, without those inside another one of them ('' contains every folder). */
function outermost(under) {
    const folders = [...new Set(under.map((u) => u.replace(/^\/+|\/+$/g, '')))].sort();
    return folders.filter((f) => !folders.some((o) => o !== f && (o === '' || f.startsWith(`${o}/`))));
}
/** The tree sha of a folder, walking down from the nearest folder already known. */
async function folderSha(get, folder, known) {
    const parts = folder === '' ? [] : folder.split('/');
    let depth = parts.length;
    while (depth > 0 && !known.has(parts.slice(0, depth).join('/')))
        depth--;
    let sha = known.get(parts.slice(0, depth).join('/'));
    for (; depth < parts.length && sha !== undefined; depth++) {
        const level = await get(sha, false);
        const entry = level.entries.find((e) => e.path === parts[depth] && e.type === 'tree');
        if (!entry && level.truncated)
            throw tooBig(parts.slice(0, depth).join('/'));
        sha = entry?.sha;
        if (sha !== undefined)
            known.set(parts.slice(0, depth + 1).join('/'), sha);
    }
    return sha;
}
/** Adds the files below a folder: one recursive request, or level by level when truncated. */
async function collect(get, sha, prefix, out, knownTruncated) {
    if (!knownTruncated) {
        const whole = await get(sha, true);
        if (!whole.truncated) {
            out.push(...blobs(whole.entries, prefix));
            return;
        }
    }
    const level = await get(sha, false);
    if (level.truncated)
        throw tooBig(prefix);
    out.push(...blobs(level.entries, prefix));
    for (const e of level.entries)
        if (e.type === 'tree')
            await collect(get, e.sha, join(prefix, e.path), out, false);
}
function tooBig(folder) {
    return new TreeListingError(`the folder '${folder || '/'}' alone holds more entries than GitHub lists in one answer, so globs cannot be expanded in it; name the files`);
}
function blobs(entries, prefix) {
    return entries.filter((e) => e.type === 'blob' && e.path).map((e) => join(prefix, e.path));
}
function join(prefix, path) {
    return prefix === '' ? path : `${prefix}/${path}`;
}

;// CONCATENATED MODULE: ./src/stores/github/api.ts
// GitHubPort over GitHub's GraphQL API (reads, atomic commits, pull requests) and REST (tree
// listing for globs, the Contents API, new labels, team reviewers).





/** Thrown for a file the engine must not edit as text, read through the API. */
class RemoteFileError extends errors/* GitHubError */.y_ {
}
/** The base64 of a text, as GitHub's APIs take file contents. */
function base64(text) {
    return Buffer.from(text, 'utf8').toString('base64');
}
/** GitHub's limit for a file in a repository (and for the blobs API). */
const MAX_FILE_BYTES = 100 * 1024 * 1024;
function decodeEntry(path, entry) {
    if (!entry?.object)
        return undefined;
    const blob = entry.object;
    if (blob.byteSize === undefined)
        return undefined; // a folder, not a file
    if (blob.isBinary) {
        throw new RemoteFileError(`files: '${path}' is a binary file, not YAML or JSON; remove it from files.`);
    }
    if (blob.isTruncated)
        return { path, oid: entry.oid, byteSize: blob.byteSize };
    if (blob.text === null || blob.text === undefined) {
        throw new RemoteFileError(`files: '${path}' is a binary or non-UTF-8 file, not YAML or JSON; remove it from files.`);
    }
    if (Buffer.byteLength(blob.text, 'utf8') !== blob.byteSize) {
        throw new RemoteFileError(`files: '${path}' is not valid UTF-8 (its text does not round-trip to its ${blob.byteSize} bytes); save it as UTF-8 so it can be edited without damaging other bytes.`);
    }
    return { path, text: blob.text, oid: entry.oid };
}
/** GitHub's tree entry modes of a symbolic link and a submodule (gitlink). */
const SYMLINK_MODE = 0o120000;
/** A path that is not a regular file: a directory, a symbolic link or a submodule. */
function entryKind(entry) {
    if (!entry)
        return undefined;
    if (entry.type === 'tree')
        return { kind: 'directory' };
    if (entry.type === 'commit')
        return { kind: 'submodule' };
    if (entry.mode === SYMLINK_MODE)
        return { kind: 'symlink', ...(entry.object?.text && { target: entry.object.text }) };
    return undefined;
}
function branchState(ref, paths, truncated) {
    const target = ref.target;
    if (!target?.oid)
        throw new errors/* GitHubError */.y_(`The branch ${ref.name} does not point at a commit.`);
    const files = new Map();
    const kinds = new Map();
    paths.forEach((path, i) => {
        const entry = target[`f${i}`];
        const kind = entryKind(entry);
        if (kind) {
            kinds.set(path, kind);
            files.set(path, undefined);
            return;
        }
        const file = decodeEntry(path, entry);
        if (file && !('text' in file))
            truncated.push(file);
        else
            files.set(path, file);
    });
    const state = { name: ref.name, refId: ref.id, headOid: target.oid, files };
    if (kinds.size > 0)
        state.kinds = kinds;
    if (target.messageHeadline !== undefined)
        state.lineage = lineageOf(target);
    const landed = target.landed;
    if (landed)
        state.landed = landedTimes(landed.nodes);
    return state;
}
/** When each commit was committed (ms), newest first; an unreadable date is left out. */
function landedTimes(nodes) {
    return nodes.map((n) => Date.parse(n?.committedDate ?? '')).filter((t) => !Number.isNaN(t));
}
/** The head commit and its first parent, newest first. */
function lineageOf(head) {
    const out = [];
    for (let node = head; node && out.length < 2;) {
        const parent = node.parents?.nodes[0];
        out.push({
            oid: node.oid,
            headline: node.messageHeadline ?? '',
            body: node.messageBody ?? '',
            ...(parent && { parentOid: parent.oid }),
        });
        node = parent?.messageHeadline !== undefined ? parent : undefined;
    }
    return out;
}
function bumpPull(node) {
    return {
        id: node.id,
        number: node.number,
        url: node.url,
        headRefName: node.headRefName,
        baseRefName: node.baseRefName,
        body: node.body ?? '',
        ...(node.headRef && { headRefId: node.headRef.id }),
    };
}
function pullState(node) {
    return {
        id: node.id,
        number: node.number,
        url: node.url,
        headOid: node.headRefOid,
        baseRefName: node.baseRefName,
        autoMergeEnabled: node.autoMergeRequest !== null,
        ...(node.author && { author: node.author.login }),
    };
}
/** True when every issue is one of the lookups that may fail (a label or user that is absent). */
function onlyLookupMisses(issues) {
    return issues.every((i) => {
        const alias = String(i.path?.[i.path.length - 1] ?? '');
        return i.type === 'NOT_FOUND' && /^(l|u)\d+$/.test(alias);
    });
}
const STALE = /STALE_DATA|Expected branch to point to|is at .* but expected|does not match|Update is not a fast forward|Reference update failed/i;
function isStale(issues) {
    return issues?.some((i) => i.type === 'STALE_DATA' || STALE.test(i.message)) ?? false;
}
/** GitHubPort over an Octokit client. */
class GitHubApi {
    octokit;
    graphqlUrl;
    workflowRepository;
    constructor(octokit, graphqlUrl, 
    /** The repository the workflow runs in (GITHUB_REPOSITORY), for permission hints. */
    workflowRepository) {
        this.octokit = octokit;
        this.graphqlUrl = graphqlUrl;
        this.workflowRepository = workflowRepository;
    }
    /** Runs a call; failures other than the flow's own become errors that say the fix. */
    async call(repo, what, needs, fn) {
        try {
            return await fn();
        }
        catch (error) {
            throw (0,errors/* explain */.WE)(error, {
                repository: `${repo.owner}/${repo.name}`,
                needs,
                what,
                ...(this.workflowRepository && { workflowRepository: this.workflowRepository }),
            });
        }
    }
    query(document, variables) {
        // The object form: the string form refuses `url` among its options.
        return this.octokit.graphql({ query: document, url: this.graphqlUrl, ...variables });
    }
    /** A mutation: never retried by the plugin; 5xx and timeouts become UncertainWriteError. */
    async mutate(document, variables) {
        try {
            return await this.octokit.graphql({
                query: document,
                url: this.graphqlUrl,
                ...WRITE,
                ...variables,
            });
        }
        catch (error) {
            if ((0,errors/* isUncertain */.cp)(error))
                throw new errors/* UncertainWriteError */.ze(messageOf(error));
            throw error;
        }
    }
    snapshot(q) {
        const what = `reading ${q.branch ? `the branch ${q.branch}` : 'the default branch'} and the files`;
        return this.call(q.repo, what, 'read', () => this.readSnapshot(q));
    }
    /** The snapshot's answer; lookups that found nothing (a label, a user) leave partial data. */
    async askSnapshot(query, variables) {
        try {
            return await this.query(query, variables);
        }
        catch (error) {
            const issues = (0,errors/* graphqlIssues */.c8)(error);
            const partial = (0,errors/* graphqlData */.oi)(error);
            if (!issues || !partial?.repository || !onlyLookupMisses(issues))
                throw error;
            return partial;
        }
    }
    async readSnapshot(q) {
        const labels = q.labels ?? [];
        const users = q.users ?? [];
        const { query, variables } = snapshotRequest(q);
        const data = await this.askSnapshot(query, variables);
        const repo = data.repository;
        if (!repo)
            throw new errors/* GitHubError */.y_(`The repository ${q.repo.owner}/${q.repo.name} was not found.`, 404);
        const defaultBranch = repo.defaultBranchRef?.name;
        if (!defaultBranch) {
            throw new errors/* GitHubError */.y_(`The repository ${repo.nameWithOwner} is empty (it has no default branch); push a first commit with the files to bump.`);
        }
        if (!repo.base) {
            throw new errors/* GitHubError */.y_(`branch: '${q.branch}' does not exist in ${repo.nameWithOwner}. Give an existing branch, or leave branch empty for the default branch (${defaultBranch}).`, 404);
        }
        const baseTruncated = [];
        const headTruncated = [];
        const snapshot = {
            repositoryId: repo.id,
            nameWithOwner: repo.nameWithOwner,
            url: repo.url,
            defaultBranch,
            allows: {
                autoMerge: repo.autoMergeAllowed,
                squash: repo.squashMergeAllowed,
                merge: repo.mergeCommitAllowed,
                rebase: repo.rebaseMergeAllowed,
            },
            base: branchState(repo.base, q.paths, baseTruncated),
            labelIds: new Map(),
            userIds: new Map(),
        };
        if (q.prBranch !== undefined) {
            snapshot.head = repo.head ? branchState(repo.head, q.paths, headTruncated) : null;
            const open = (repo.pulls?.nodes ?? []).find((p) => p.baseRefName === snapshot.base.name);
            snapshot.pull = open ? pullState(open) : null;
        }
        if (repo.bumps)
            snapshot.bumpPulls = repo.bumps.nodes.map(bumpPull);
        // Files too large for GraphQL's Blob.text: one REST blob read each (up to 100 MB).
        for (const file of baseTruncated)
            snapshot.base.files.set(file.path, await this.readBlob(q.repo, file));
        for (const file of headTruncated)
            snapshot.head?.files.set(file.path, await this.readBlob(q.repo, file));
        labels.forEach((label, i) => {
            const found = repo[`l${i}`];
            if (found)
                snapshot.labelIds.set(label, found.id);
        });
        users.forEach((user, i) => {
            const found = data[`u${i}`];
            if (found)
                snapshot.userIds.set(user, found.id);
        });
        return snapshot;
    }
    async readBlob(repo, file) {
        if (file.byteSize > MAX_FILE_BYTES) {
            throw new RemoteFileError(`files: '${file.path}' is ${file.byteSize} bytes, more than GitHub's 100 MB per file; it cannot be edited through the API.`);
        }
        const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
            owner: repo.owner,
            repo: repo.name,
            file_sha: file.oid,
        });
        const bytes = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
        try {
            return { path: file.path, text: (0,workspace.decodeText)(file.path, bytes), oid: file.oid };
        }
        catch (error) {
            throw new RemoteFileError(`files: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
    listPaths(repo, ref, under = ['']) {
        return this.call(repo, `listing the files of ${ref}`, 'read', async () => {
            try {
                return await listTree((sha, recursive) => this.readTree(repo, sha, recursive), ref, under);
            }
            catch (error) {
                if ((0,errors/* statusOf */.c2)(error) === 404 && ref !== 'HEAD')
                    await this.checkBranch(repo, ref);
                if (!(error instanceof TreeListingError))
                    throw error;
                throw new errors/* GitHubError */.y_(`files: in ${repo.owner}/${repo.name}, ${error.message}.`);
            }
        });
    }
    async readTree(repo, sha, recursive) {
        const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
            owner: repo.owner,
            repo: repo.name,
            tree_sha: sha,
            // GitHub lists recursively for any value of `recursive`; one level only without it.
            ...(recursive && { recursive: 'true' }),
        });
        return {
            sha: data.sha,
            entries: data.tree.map((e) => ({ path: e.path ?? '', type: e.type ?? '', sha: e.sha ?? '' })),
            truncated: data.truncated,
        };
    }
    /**
     * After a 404 listing a branch: one read of the repository tells a missing branch (said so,
     * with the default branch) from a repository the token cannot see (the 404 is rethrown).
     */
    async checkBranch(repo, branch) {
        let defaultBranch;
        try {
            ({
                data: { default_branch: defaultBranch },
            } = await this.octokit.request('GET /repos/{owner}/{repo}', {
                owner: repo.owner,
                repo: repo.name,
            }));
        }
        catch {
            return;
        }
        throw new errors/* GitHubError */.y_(`branch: '${branch}' does not exist in ${repo.owner}/${repo.name}. Give an existing branch, or leave branch empty for the default branch (${defaultBranch}).`, 404);
    }
    commit(request) {
        return this.call(request.repo, `committing to ${request.branch}`, 'contents', () => this.makeCommit(request));
    }
    async makeCommit(request) {
        try {
            const data = await this.mutate(COMMIT_DOCUMENT, { input: commitInput(request) });
            return data.createCommitOnBranch.commit;
        }
        catch (error) {
            if (isStale((0,errors/* graphqlIssues */.c8)(error)))
                throw new errors/* StaleHeadError */.qh(messageOf(error));
            throw error;
        }
    }
    putContents(request) {
        return this.call(request.repo, `writing ${request.path} to ${request.branch}`, 'contents', () => this.put(request));
    }
    async put(request) {
        try {
            const { data } = await this.octokit.request('PUT /repos/{owner}/{repo}/contents/{path}', {
                owner: request.repo.owner,
                repo: request.repo.name,
                path: request.path,
                branch: request.branch,
                sha: request.blobOid,
                message: request.message,
                content: base64(request.text),
                ...WRITE,
            });
            return { oid: data.commit.sha ?? '', url: data.commit.html_url ?? '' };
        }
        catch (error) {
            const status = (0,errors/* statusOf */.c2)(error);
            if (status === 409)
                throw new errors/* StaleHeadError */.qh(messageOf(error));
            if ((0,errors/* isUncertain */.cp)(error))
                throw new errors/* UncertainWriteError */.ze(messageOf(error));
            throw error;
        }
    }
    openPull(request) {
        return this.call(request.repo, `opening a pull request from ${request.head}`, 'pull-requests', () => this.open(request));
    }
    async open(request) {
        const ref = request.staleHeadRefId
            ? { refId: request.staleHeadRefId, oid: request.baseOid, force: true }
            : {
                repositoryId: request.repositoryId,
                name: `refs/heads/${request.head}`,
                oid: request.baseOid,
            };
        let data;
        try {
            data = await this.mutate(openPullDocument(request.staleHeadRefId !== undefined), {
                ref,
                commit: commitInput({
                    ...request.commit,
                    repo: request.repo,
                    branch: request.head,
                    expectedHeadOid: request.baseOid,
                }),
                pull: {
                    repositoryId: request.repositoryId,
                    baseRefName: request.base,
                    headRefName: request.head,
                    title: request.title,
                    body: request.body,
                },
            });
        }
        catch (error) {
            const issues = (0,errors/* graphqlIssues */.c8)(error);
            // Another run made the branch or the pull request first: re-read and take it from there.
            if (issues?.some((i) => /already exists|STALE_DATA|Expected branch/i.test(`${i.type} ${i.message}`))) {
                throw new errors/* StaleHeadError */.qh(issues.map((i) => i.message).join('; '));
            }
            throw error;
        }
        if (!data.createCommitOnBranch || !data.createPullRequest)
            throw new errors/* StaleHeadError */.qh('the pull request was not opened');
        return {
            commit: data.createCommitOnBranch.commit,
            pull: pullState(data.createPullRequest.pullRequest),
        };
    }
    updatePull(request) {
        return this.call(request.repo, `updating pull request #${request.pull.number}`, 'pull-requests', () => this.update(request));
    }
    async update(request) {
        try {
            const data = await this.mutate(UPDATE_PULL_DOCUMENT, {
                commit: commitInput({
                    ...request.commit,
                    repo: request.repo,
                    branch: request.head,
                    expectedHeadOid: request.expectedHeadOid,
                }),
                pull: { pullRequestId: request.pull.id, title: request.title, body: request.body },
            });
            return { commit: data.createCommitOnBranch.commit };
        }
        catch (error) {
            if (isStale((0,errors/* graphqlIssues */.c8)(error)))
                throw new errors/* StaleHeadError */.qh(messageOf(error));
            throw error;
        }
    }
    /**
     * Labels, reviewers and the merge step. Each step's failure is reported under that step: a
     * label or reviewer refused is a problem in the result (the merge step still ran); a merge
     * step refused is thrown.
     */
    async finishPull(request) {
        const problems = [];
        const pr = `pull request #${request.pullNumber}`;
        const step = async (what, fn) => {
            try {
                await this.call(request.repo, what, 'pull-requests', fn);
            }
            catch (error) {
                problems.push(error instanceof Error ? error.message : String(error));
            }
        };
        if (request.newLabels.length > 0)
            await step(`adding the new labels ${request.newLabels.join(', ')} to ${pr}`, () => this.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
                owner: request.repo.owner,
                repo: request.repo.name,
                issue_number: request.pullNumber,
                labels: [...request.newLabels],
            }));
        if (request.teams.length > 0)
            await step(`requesting review from the team ${request.teams.join(', ')} on ${pr}`, () => this.octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', {
                owner: request.repo.owner,
                repo: request.repo.name,
                pull_number: request.pullNumber,
                reviewers: [],
                team_reviewers: request.teams.map((t) => t.split('/').pop() ?? t),
            }));
        const mergeWhat = request.merge === 'now' ? `merging ${pr}` : `enabling auto-merge on ${pr}`;
        const result = await this.call(request.repo, mergeWhat, 'pull-requests', () => this.finishDocument(request, problems));
        return problems.length > 0 ? { ...result, problems } : result;
    }
    /** The one mutation document: labels, reviewers, merge; errors sorted by step. */
    async finishDocument(request, problems) {
        const document = finishDocument({
            labels: request.labelIds.length > 0,
            reviews: request.userIds.length > 0,
            merge: request.merge,
        });
        if (!document)
            return { kind: 'none' };
        try {
            const data = await this.mutate(document, finishVariables(request));
            return finishResult(request.merge, data);
        }
        catch (error) {
            const issues = (0,errors/* graphqlIssues */.c8)(error);
            if (!issues)
                throw error;
            const pr = `pull request #${request.pullNumber}`;
            const mergeIssues = [];
            for (const issue of issues) {
                const field = String(issue.path?.[0] ?? '');
                if (field === 'addLabelsToLabelable')
                    problems.push(`GitHub refused adding labels to ${pr}: ${issue.message}`);
                else if (field === 'requestReviews')
                    problems.push(`GitHub refused requesting reviews on ${pr}: ${issue.message}`);
                else
                    mergeIssues.push(issue);
            }
            if (mergeIssues.length === 0) {
                const data = (0,errors/* graphqlData */.oi)(error) ?? {};
                return finishResult(request.merge, data);
            }
            if (request.merge === 'auto' && mergeIssues.every((i) => /clean status/i.test(i.message)))
                return { kind: 'clean' };
            const merged = new errors/* GitHubError */.y_(`GitHub answered an error while ${request.merge === 'now' ? 'merging' : 'enabling auto-merge on'} ${pr}: ${mergeIssues.map((i) => i.message).join('; ')}`);
            merged.errors = mergeIssues;
            throw merged;
        }
    }
    mergePull(request) {
        return this.call(request.repo, `merging pull request #${request.pullNumber}`, 'pull-requests', () => this.merge(request));
    }
    async merge(request) {
        const data = await this.mutate(MERGE_DOCUMENT, {
            merge: {
                pullRequestId: request.pullId,
                mergeMethod: request.method.toUpperCase(),
                expectedHeadOid: request.expectedHeadOid,
            },
        });
        const merged = data.mergePullRequest.pullRequest;
        if (!merged.merged || !merged.mergeCommit)
            throw new errors/* GitHubError */.y_('GitHub did not merge the pull request.');
        return merged.mergeCommit;
    }
    closePulls(request) {
        const numbers = request.pulls.map((p) => `#${p.number}`).join(', ');
        return this.call(request.repo, `closing pull request ${numbers}`, 'pull-requests', () => this.close(request));
    }
    async close(request) {
        const variables = {};
        request.pulls.forEach((p, i) => {
            variables[`c${i}`] = { subjectId: p.id, body: p.comment };
            variables[`x${i}`] = { pullRequestId: p.id };
            if (p.headRefId)
                variables[`d${i}`] = { refId: p.headRefId };
        });
        const document = closePullsDocument({
            deleteBranch: request.pulls.map((p) => p.headRefId !== undefined),
        });
        let data = {};
        let issues = [];
        try {
            data = await this.mutate(document, variables);
        }
        catch (error) {
            // Each step that GitHub refused is reported on its own; the others still happened.
            const partial = (0,errors/* graphqlData */.oi)(error);
            const found = (0,errors/* graphqlIssues */.c8)(error);
            if (!partial || !found)
                throw error;
            data = partial;
            issues = found;
        }
        const result = { closed: [], branchesDeleted: [], problems: [] };
        request.pulls.forEach((p, i) => {
            if (data[`x${i}`])
                result.closed.push(p.number);
            if (p.headRefId && data[`d${i}`])
                result.branchesDeleted.push(p.number);
        });
        for (const issue of issues) {
            const alias = String(issue.path?.[0] ?? '');
            const pull = request.pulls[Number(alias.slice(1))];
            const step = { c: 'commenting on', x: 'closing', d: 'deleting the branch of' }[alias[0] ?? ''];
            result.problems.push(pull && step ? `${step} pull request #${pull.number}: ${issue.message}` : issue.message);
        }
        return result;
    }
    pullStatus(repo, pullId) {
        return this.call(repo, 'reading the pull request state', 'read', async () => {
            const data = await this.query(PULL_STATE_DOCUMENT, { id: pullId });
            if (!data.node)
                throw new errors/* GitHubError */.y_(`The pull request ${pullId} was not found.`, 404);
            return {
                state: data.node.state,
                ...(data.node.mergeCommit && { mergeCommit: data.node.mergeCommit }),
            };
        });
    }
}
function finishResult(merge, data) {
    if (merge === 'auto')
        return { kind: 'auto-merge-enabled' };
    if (merge === 'now') {
        const merged = data.mergePullRequest?.pullRequest;
        if (!merged?.merged || !merged.mergeCommit)
            throw new errors/* GitHubError */.y_('GitHub did not merge the pull request.');
        return { kind: 'merged', mergeCommit: merged.mergeCommit };
    }
    return { kind: 'none' };
}
/** The variables of the snapshot document: every name and path travels as a variable. */
function finishVariables(request) {
    const variables = {};
    if (request.labelIds.length > 0)
        variables.labels = { labelableId: request.pullId, labelIds: [...request.labelIds] };
    if (request.userIds.length > 0)
        variables.reviews = {
            pullRequestId: request.pullId,
            userIds: [...request.userIds],
            union: true,
        };
    const step = {
        pullRequestId: request.pullId,
        mergeMethod: request.method.toUpperCase(),
        expectedHeadOid: request.expectedHeadOid,
    };
    if (request.merge === 'auto')
        variables.auto = step;
    if (request.merge === 'now')
        variables.merge = step;
    return variables;
}
function commitInput(request) {
    return {
        branch: {
            repositoryNameWithOwner: `${request.repo.owner}/${request.repo.name}`,
            branchName: request.branch,
        },
        expectedHeadOid: request.expectedHeadOid,
        message: { headline: request.headline, ...(request.body ? { body: request.body } : {}) },
        fileChanges: {
            additions: request.files.map((f) => ({ path: f.path, contents: base64(f.text) })),
        },
    };
}
function messageOf(error) {
    const issues = (0,errors/* graphqlIssues */.c8)(error);
    if (issues)
        return issues.map((i) => i.message).join('; ');
    return error instanceof Error ? error.message : String(error);
}

;// CONCATENATED MODULE: ./src/stores/github/connect.ts
// Connects to GitHub: the configured client behind the GitHubPort interface.


/** The GitHubPort for a token and endpoints. */
function connectGitHub(connection) {
    const { graphqlUrl } = connection.endpoints;
    // Its answer is used only if it was asked of this endpoint with this token.
    const early = connection.early?.sentBy(graphqlUrl, connection.token)
        ? connection.early
        : undefined;
    const octokit = createOctokit({
        ...connection.endpoints,
        token: connection.token,
        timeoutMs: connection.timeoutMs,
        log: connection.log,
        ...(early && { early }),
    });
    return new GitHubApi(octokit, graphqlUrl, connection.workflowRepository);
}


/***/ }),

/***/ 2437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WE: () => (/* binding */ explain),
/* harmony export */   c2: () => (/* binding */ statusOf),
/* harmony export */   c8: () => (/* binding */ graphqlIssues),
/* harmony export */   cp: () => (/* binding */ isUncertain),
/* harmony export */   oi: () => (/* binding */ graphqlData),
/* harmony export */   qh: () => (/* reexport safe */ _store_js__WEBPACK_IMPORTED_MODULE_0__.q),
/* harmony export */   y_: () => (/* binding */ GitHubError),
/* harmony export */   ze: () => (/* reexport safe */ _store_js__WEBPACK_IMPORTED_MODULE_0__.z)
/* harmony export */ });
/* harmony import */ var _store_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4703);
// GitHub's failures, sorted into what the bump flows act on, with messages that say the fix.
// The store-wide outcomes of a guarded write, under the names the GitHub flows have used.


/** A failure the user must fix (token, permissions, names, settings); the message says how. */
class GitHubError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.name = 'GitHubError';
        this.status = status;
    }
}
/** The GraphQL issues of an error thrown by `octokit.graphql`, or undefined. */
function graphqlIssues(error) {
    const e = error;
    return e?.name === 'GraphqlResponseError' && Array.isArray(e.errors) ? e.errors : undefined;
}
/** The partial data of a GraphQL answer that carried errors. */
function graphqlData(error) {
    return graphqlIssues(error) ? error.data : undefined;
}
/** The HTTP status of an Octokit error. */
function statusOf(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}
/** True for failures after which a write may or may not have been applied. */
function isUncertain(error) {
    if (graphqlIssues(error))
        return false;
    const status = statusOf(error);
    if (status === undefined)
        return error instanceof Error && !(error instanceof GitHubError);
    return status >= 500;
}
function tokenScopeHint(doing) {
    if (doing.workflowRepository && doing.workflowRepository !== doing.repository) {
        return ` The default GITHUB_TOKEN can only write ${doing.workflowRepository}, the repository the workflow runs in; to write ${doing.repository} pass a GitHub App token (actions/create-github-app-token) or a fine-grained token with access to it.`;
    }
    return '';
}
function permissionFix(doing) {
    const perm = doing.needs === 'pull-requests'
        ? '"Contents: write" and "Pull requests: write"'
        : doing.needs === 'contents'
            ? '"Contents: write"'
            : '"Contents: read"';
    const workflow = doing.needs === 'pull-requests'
        ? 'permissions: { contents: write, pull-requests: write }'
        : doing.needs === 'contents'
            ? 'permissions: { contents: write }'
            : 'permissions: { contents: read }';
    return `The token needs ${perm} on ${doing.repository} (for GITHUB_TOKEN, set \`${workflow}\` in the workflow).${tokenScopeHint(doing)}`;
}
function rateLimitReset(error) {
    const headers = error?.response?.headers;
    if (headers?.['x-ratelimit-remaining'] !== '0')
        return undefined;
    const reset = Number(headers['x-ratelimit-reset']);
    return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : 'unknown';
}
/** Turns an error from a GitHub call into one that says what to do. */
function explain(error, doing) {
    if (error instanceof GitHubError ||
        error instanceof _store_js__WEBPACK_IMPORTED_MODULE_0__/* .StaleHeadError */ .q ||
        error instanceof _store_js__WEBPACK_IMPORTED_MODULE_0__/* .UncertainWriteError */ .z)
        return error;
    const failure = {
        error,
        status: statusOf(error),
        said: error?.message ?? String(error),
        issues: graphqlIssues(error),
    };
    return (badTokenOrLimit(failure, doing) ??
        accessDenied(failure, doing) ??
        protectedBranch(failure, doing) ??
        otherFailure(failure, doing));
}
/** A token GitHub rejects, or a rate limit used up. */
function badTokenOrLimit({ error, status, said }, doing) {
    if (status === 401) {
        return new GitHubError(`GitHub rejected the token while ${doing.what} (401 Bad credentials): it is expired, revoked, or not a token at all. Check the secret passed in token (an empty or mistyped secret name gives an empty value; a GitHub App token expires after one hour).`, 401);
    }
    const reset = rateLimitReset(error);
    if (reset !== undefined) {
        return new GitHubError(`GitHub's rate limit for this token is used up (while ${doing.what}); it resets at ${reset}. Run again after that, or use a GitHub App token, which has its own, higher limit.`, status);
    }
    if ((status === 403 || status === 429) && /secondary rate limit/i.test(said)) {
        const wait = error?.response?.headers?.['retry-after'];
        return new GitHubError(`GitHub's secondary rate limit stopped ${doing.what}${wait ? ` and asked to wait ${wait} s, longer than this action waits (60 s)` : ''}. Too many writes at once from this token: run again later, or bump several images in one job with images:.`, status);
    }
    return undefined;
}
/** A token without the permission (403), or a repository it cannot see (404). */
function accessDenied({ status, said, issues }, doing) {
    const forbidden = status === 403 ||
        issues?.some((i) => i.type === 'FORBIDDEN' || /not accessible by (integration|personal)/i.test(i.message));
    if (forbidden) {
        return new GitHubError(`GitHub refused ${doing.what} (403: ${firstLine(issues?.[0]?.message ?? said)}). ${permissionFix(doing)}`, 403);
    }
    const notFound = status === 404 || issues?.some((i) => i.type === 'NOT_FOUND' && /Repository/i.test(i.message));
    if (notFound) {
        return new GitHubError(`The repository ${doing.repository} is not visible to this token (404 while ${doing.what}). Check the repository name (owner/name), and that the token can read it: a fine-grained token or App installation must include ${doing.repository}.${tokenScopeHint(doing)}`, 404);
    }
    return undefined;
}
/** A direct write refused by branch protection or rulesets, with the rules GitHub named. */
function protectedBranch({ said, issues }, doing) {
    const text = issues?.map((i) => i.message).join('\n') ?? said;
    const match = text.match(/Repository rule violations|protected branch|must be made through a pull request|Required status check/i);
    if (!match || doing.needs !== 'contents')
        return undefined;
    const rules = text
        .split('\n')
        .map((l) => l.replace(/^-\s*/, '').trim())
        .filter((l) => l && !/^Repository rule violations found$/i.test(l));
    return new GitHubError(`The branch is protected, so GitHub refused ${doing.what} (${rules.join(' ')}). Use mode: pull-request (with merge: auto, GitHub merges once the rules are met), or let this token bypass the rules.`);
}
/** Anything else: GraphQL errors, server errors after retries, other statuses, no answer. */
function otherFailure({ status, said, issues }, doing) {
    if (issues) {
        return new GitHubError(`GitHub answered an error while ${doing.what}: ${issues.map((i) => firstLine(i.message)).join('; ')}`);
    }
    if (status !== undefined && status >= 500) {
        return new GitHubError(`GitHub failed while ${doing.what} (${status}: ${firstLine(said)}), and kept failing after retries. Try again later; check https://www.githubstatus.com.`, status);
    }
    if (status !== undefined) {
        return new GitHubError(`GitHub answered ${status} while ${doing.what}: ${firstLine(said)}`, status);
    }
    return new GitHubError(`Could not reach GitHub while ${doing.what}: ${firstLine(said)}`);
}
function firstLine(text) {
    return text.split('\n')[0]?.trim() ?? '';
}


/***/ }),

/***/ 4227:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ provideHttpClient),
/* harmony export */   Q: () => (/* binding */ HttpClient)
/* harmony export */ });
let real;
/** Called by http-client-load.ts before the GitHub client is built. */
function provideHttpClient(module) {
    real = module;
}
/** @actions/http-client's client (@actions/github asks it for proxy agents). */
class HttpClient {
    constructor(...args) {
        if (!real)
            throw new Error('gitops-bump: @actions/http-client used before the GitHub client loaded it.');
        // biome-ignore lint/correctness/noConstructorReturn: stands in for the real class
        return new real.HttpClient(...args);
    }
}


/***/ }),

/***/ 8081:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadProxyFetch: () => (/* binding */ loadProxyFetch),
  proxyFetch: () => (/* binding */ proxyFetch)
});

// EXTERNAL MODULE: ./src/stores/github/http-client-lazy.ts
var http_client_lazy = __webpack_require__(4227);
;// CONCATENATED MODULE: ./src/stores/github/http-client-load.ts
// Loads the real @actions/http-client for the bundles' stand-in (http-client-lazy.ts), which
// @actions/github uses to build its proxy agents. Must run before the GitHub client is built.

/** Loads @actions/http-client (with node's http and https) for a GitHub run. */
async function loadHttpClient() {
    (0,http_client_lazy/* provideHttpClient */.$)(await __webpack_require__.e(/* import() */ 387).then(__webpack_require__.bind(__webpack_require__, 2387)));
}

// EXTERNAL MODULE: ./src/stores/github/undici-lazy.ts
var undici_lazy = __webpack_require__(2333);
;// CONCATENATED MODULE: ./src/stores/github/undici-load.ts

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
/** True when the environment names a proxy (the variables @actions/http-client reads). */
function proxyConfigured(env = process.env) {
    return PROXY_VARIABLES.some((name) => env[name]?.trim());
}
/** Loads undici for @actions/github's proxy support when a proxy is configured. */
async function loadUndiciForProxy(env = process.env) {
    if (!proxyConfigured(env))
        return;
    const loaded = (await __webpack_require__.e(/* import() */ 752).then(__webpack_require__.t.bind(__webpack_require__, 4371, 19)));
    (0,undici_lazy/* provideUndici */.sY)(loaded.default ?? loaded);
}

;// CONCATENATED MODULE: ./src/stores/github/proxy.ts
// Through a proxy (https_proxy and the like), GitHub requests go through @actions/github's fetch:
// undici with its ProxyAgent, honouring no_proxy. Loaded only then, before the client is built:
// @actions/github's module builds its proxy agents, its REST methods (about a thousand
// endpoints) and the workflow's event context when it is evaluated, none of which a run without
// a proxy needs (the client is @octokit/core with the retry and throttling plugins, octokit.ts).


let proxied;
/** Loads @actions/github's proxy fetch when the environment names a proxy. */
async function loadProxyFetch(env = process.env) {
    if (!proxyConfigured(env))
        return;
    await loadUndiciForProxy(env);
    await loadHttpClient();
    const { defaults } = await Promise.all(/* import() */[__webpack_require__.e(730), __webpack_require__.e(706)]).then(__webpack_require__.bind(__webpack_require__, 4706));
    proxied = defaults.request?.fetch;
}
/** The proxy's fetch once loaded; undefined without a proxy (node's own fetch is used). */
function proxyFetch() {
    return proxied;
}


/***/ }),

/***/ 2333:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hd: () => (/* binding */ fetch),
/* harmony export */   kT: () => (/* binding */ ProxyAgent),
/* harmony export */   sY: () => (/* binding */ provideUndici)
/* harmony export */ });
let real;
/** Called by undici-load.ts before the GitHub client is built. */
function provideUndici(module) {
    real = module;
}
function undici() {
    if (!real)
        throw new Error('gitops-bump: undici used before the GitHub client loaded it.');
    return real;
}
/** A proxy dispatcher (@actions/http-client builds one when HTTPS_PROXY is set). */
class ProxyAgent {
    constructor(...args) {
        // biome-ignore lint/correctness/noConstructorReturn: stands in for the real class
        return new (undici().ProxyAgent)(...args);
    }
}
/** undici's fetch (@actions/github sends Octokit's requests through it). */
const fetch = (...args) => undici().fetch(...args);


/***/ }),

/***/ 4703:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ StaleHeadError),
/* harmony export */   z: () => (/* binding */ UncertainWriteError)
/* harmony export */ });
// The one small interface every store speaks (files on disk, a GitHub repository through the
// API, a clone of any git remote): read these paths at a head, write these changes guarded by
// that head. A write that finds the head moved throws StaleHeadError and writes nothing; the
// run's retry loop (src/run/retry.ts) then reads again, re-applies the bump and writes again.
/** The head moved since it was read (another writer landed first): read again and retry. */
class StaleHeadError extends Error {
    constructor(message) {
        super(message);
        this.name = 'StaleHeadError';
    }
}
/** A write whose answer was lost (5xx, timeout, connection reset): it may or may not have landed. */
class UncertainWriteError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UncertainWriteError';
    }
}


/***/ }),

/***/ 7767:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FileReadError: () => (/* binding */ FileReadError),
/* harmony export */   WorkspaceFolder: () => (/* binding */ WorkspaceFolder),
/* harmony export */   decodeText: () => (/* binding */ decodeText),
/* harmony export */   describeOnDisk: () => (/* binding */ describeOnDisk),
/* harmony export */   listFiles: () => (/* binding */ listFiles),
/* harmony export */   readFiles: () => (/* binding */ readFiles),
/* harmony export */   splicedBytes: () => (/* binding */ splicedBytes),
/* harmony export */   writeFiles: () => (/* binding */ writeFiles)
/* harmony export */ });
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _engine_file_specs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(283);
/* harmony import */ var _store_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4703);
// Files on disk, for the CLI and for the action's local mode, as a Store: list, read (refusing
// binary and non-UTF-8 files, whose bytes a text edit would damage), and write all-or-nothing,
// guarded by the bytes read (there are no commits on disk): the write compares the files with
// them byte for byte, and writes a changed file as the bytes read with only the edits made anew.





const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);
/**
 * Every file below `root`, as `/`-separated paths relative to it, sorted. Folders named in
 * SKIPPED_FOLDERS are not entered (a repository's .git, a node_modules, at any depth); symbolic
 * links are not followed.
 */
function listFiles(root) {
    const paths = [];
    const visit = (dir, prefix) => {
        for (const entry of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(dir, { withFileTypes: true })) {
            if (SKIPPED_FOLDERS.has(entry.name))
                continue;
            const path = prefix + entry.name;
            if (entry.isDirectory())
                visit((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, entry.name), `${path}/`);
            else if (entry.isFile())
                paths.push(path);
        }
    };
    visit(root, '');
    return paths.sort();
}
/** Thrown for a file that cannot be edited as text. */
class FileReadError extends Error {
    constructor(message) {
        super(message);
        this.name = 'FileReadError';
    }
}
/** Decodes a file's bytes as UTF-8 text; refuses binary files and other encodings. */
function decodeText(path, bytes) {
    if (bytes.includes(0))
        throw new FileReadError(`${path} is a binary file, not YAML or JSON; remove it from files.`);
    // Checked on the bytes (no second encoded copy of a large file): invalid UTF-8 would be
    // decoded with replacement characters, and writing those back would change other bytes.
    if (!(0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isUtf8)(bytes)) {
        throw new FileReadError(`${path} is not valid UTF-8; save it as UTF-8 so it can be edited without damaging other bytes.`);
    }
    return bytes.toString('utf8');
}
/** Reads the files at the given paths below `root`. */
function readFiles(root, paths) {
    return paths.map((path) => ({ path, text: decodeText(path, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, path))) }));
}
/**
 * Writes every file, or none: each goes to a temporary file first, then all are renamed. A
 * change that carries its edits, of a file whose bytes `originals` holds, is written as those
 * bytes with only the edited ranges encoded anew (no second encoded copy of a large file).
 */
function writeFiles(root, files, originals) {
    const staged = [];
    try {
        for (const file of files) {
            const target = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, file.path);
            const temp = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(target), `.gitops-bump-${process.pid}-${staged.length}.tmp`);
            const original = originals?.get(file.path);
            const parts = original && file.edits && splicedBytes(original, file.edits, file.text);
            if (parts)
                writeParts(temp, parts);
            else
                (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(temp, file.text, 'utf8');
            staged.push({ temp, target });
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.chmodSync)(temp, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(target).mode & 0o7777);
        }
    }
    catch (error) {
        for (const { temp } of staged)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(temp, { force: true });
        throw error;
    }
    for (const { temp, target } of staged)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.renameSync)(temp, target);
}
/** True when `at` falls between the two halves of a surrogate pair. */
function splitsPair(text, at) {
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at);
    return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
/**
 * The bytes of `text` (the original's text with the edits made) as pieces of the original's
 * bytes and the edits' own; undefined when the edits do not describe `text` (not sorted, out
 * of range, splitting a character, or adding up to another length), so the text is written.
 */
function splicedBytes(original, edits, text) {
    const source = original.text;
    let length = source.length;
    let previous = 0;
    for (const edit of edits) {
        const { start, end } = edit;
        if (start < previous || end < start || end > source.length)
            return undefined;
        if (splitsPair(source, start) || splitsPair(source, end))
            return undefined;
        length += edit.text.length - (end - start);
        previous = end;
    }
    if (length !== text.length)
        return undefined;
    // As many bytes as characters: every character is ASCII, one byte, at its own offset.
    const ascii = original.bytes.length === source.length;
    const bytesOf = (from, to) => ascii ? to - from : Buffer.byteLength(source.slice(from, to), 'utf8');
    const parts = [];
    let char = 0;
    let byte = 0;
    for (const edit of edits) {
        const start = byte + bytesOf(char, edit.start);
        parts.push(original.bytes.subarray(byte, start), Buffer.from(edit.text, 'utf8'));
        byte = start + bytesOf(edit.start, edit.end);
        char = edit.end;
    }
    parts.push(original.bytes.subarray(byte));
    return parts;
}
/** Writes the pieces to a new file (or over a stale temporary one), one after the other. */
function writeParts(path, parts) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(path, 'w');
    try {
        for (const part of parts) {
            for (let at = 0; at < part.length;)
                at += (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeSync)(fd, part, at, part.length - at);
        }
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
    }
}
/** Says what a named path that is not a regular file is: a directory, symlink or submodule. */
function describeOnDisk(root) {
    return (path) => {
        const full = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, path);
        let stat;
        try {
            stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.lstatSync)(full);
        }
        catch {
            return undefined;
        }
        if (stat.isSymbolicLink())
            return (0,_engine_file_specs_js__WEBPACK_IMPORTED_MODULE_3__/* .describeKind */ .SB)(path, 'symlink', (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readlinkSync)(full));
        if (stat.isDirectory())
            return (0,_engine_file_specs_js__WEBPACK_IMPORTED_MODULE_3__/* .describeKind */ .SB)(path, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(full, '.git')) ? 'submodule' : 'directory');
        return undefined;
    };
}
/** Reads made by this process, so that each read's head differs from every other's. */
let reads = 0;
/** A name for a read, unique in this process: 40 hex digits of the pid, a count and the time. */
function readName() {
    reads++;
    const parts = [process.pid, reads, Date.now()].map((n) => n.toString(16).padStart(12, '0'));
    return parts.join('').padStart(40, '0');
}
/** A folder on disk as a Store; a write makes no commit (its `oid` and `url` are ''). */
class WorkspaceFolder {
    root;
    /** describe() looks at the disk (lstat), listed or not. */
    describesUnlisted = true;
    /** The last read: its head, and every path's bytes and text (undefined when absent). */
    last;
    constructor(root) {
        this.root = root;
    }
    get where() {
        return this.root;
    }
    async list() {
        return listFiles(this.root);
    }
    /** Says what a named path is when it is not a regular file (a folder, symlink or submodule). */
    describe(path) {
        return describeOnDisk(this.root)(path);
    }
    /** Reads the paths; the head names this read, whose bytes are kept to guard the write. */
    async read(paths) {
        const kept = new Map();
        const files = new Map();
        for (const path of paths) {
            const full = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, path);
            const bytes = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(full) ? (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(full) : undefined;
            const text = bytes && decodeText(path, bytes);
            kept.set(path, bytes && { bytes, text: text });
            files.set(path, text);
        }
        const head = readName();
        this.last = { head, files: kept };
        return { head, files };
    }
    /** Writes all or none, if `head` is the last read and every file still holds its bytes. */
    async write(head, changes, _message) {
        const last = this.last;
        if (!last || last.head !== head) {
            throw new _store_js__WEBPACK_IMPORTED_MODULE_4__/* .StaleHeadError */ .q(`the files in ${this.root} were read again since this bump was made; run it again`);
        }
        for (const [path, file] of last.files) {
            if (!holdsBytes((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, path), file?.bytes)) {
                throw new _store_js__WEBPACK_IMPORTED_MODULE_4__/* .StaleHeadError */ .q(`files changed on disk in ${this.root} while the bump was being made; run it again`);
            }
        }
        writeFiles(this.root, changes, last.files);
        return { oid: '', url: '' };
    }
}
/** True when the file holds exactly `bytes` (or is absent, when `bytes` is), read in chunks. */
function holdsBytes(path, bytes) {
    if (!bytes)
        return !(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(path);
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(path, 'r');
    }
    catch {
        return false;
    }
    try {
        const chunk = Buffer.allocUnsafe(Math.min(1 << 20, bytes.length + 1));
        let at = 0;
        for (let n = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readSync)(fd, chunk); n > 0; n = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readSync)(fd, chunk)) {
            if (at + n > bytes.length)
                return false;
            if (!chunk.subarray(0, n).equals(bytes.subarray(at, at + n)))
                return false;
            at += n;
        }
        return at === bytes.length;
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
    }
}


/***/ })

};
