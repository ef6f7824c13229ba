export const id = 560;
export const ids = [560,767];
export const modules = {

/***/ 9560:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bumpGitRepository: () => (/* binding */ bumpGitRepository)
});

// EXTERNAL MODULE: ./src/engine/bump-files.ts + 17 modules
var bump_files = __webpack_require__(88);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/stores/exec-lazy.ts
let real;
function load() {
    real ??= __webpack_require__.e(/* import() */ 946).then(__webpack_require__.bind(__webpack_require__, 9946));
    return real;
}
/** @actions/exec's exec: runs a command, resolves its exit code. */
const exec = async (...args) => (await load()).exec(...args);
/** @actions/exec's getExecOutput: runs a command, resolves its exit code and output. */
const getExecOutput = async (...args) => (await load()).getExecOutput(...args);

// EXTERNAL MODULE: ./src/engine/file-specs.ts + 1 modules
var file_specs = __webpack_require__(283);
// EXTERNAL MODULE: ./src/stores/store.ts
var store = __webpack_require__(4703);
// EXTERNAL MODULE: ./src/stores/workspace.ts
var workspace = __webpack_require__(7767);
// EXTERNAL MODULE: ./src/stores/git/url.ts
var git_url = __webpack_require__(4788);
;// CONCATENATED MODULE: ./src/stores/git/repository.ts
// A clone of any git remote (GitLab, Bitbucket, a self-hosted server, a path on disk) as a
// Store: a shallow clone, reads from its work tree, and a write that is one commit of the changed
// files and a push that is never forced. A push that lost a race throws StaleHeadError and the
// next read fetches the branch again. git runs through @actions/exec with an argument array (no
// shell); a token reaches git only through environment variables, and every message and log line
// is scrubbed of it and of any credentials in the URL.








/** A git command failed; the message names the repository (without credentials) and the fix. */
class GitError extends Error {
    constructor(message) {
        super(message);
        this.name = 'GitError';
    }
}
/** git's answer when a push lost a race with another writer (as opposed to being refused). */
const LOST_RACE = /\((?:fetch first|non-fast-forward|stale info)\)|\[rejected\]|cannot lock ref|failed to update ref|failed to lock|incorrect old value provided/i;
/** Runs git with a fixed environment and scrubs secrets from everything it says. */
class Git {
    url;
    env;
    secrets;
    constructor(url, header, ceiling) {
        this.url = url;
        this.secrets = [...(0,git_url/* urlSecrets */.Fn)(url), ...(header?.secrets ?? [])]
            .filter((s) => s.length > 0)
            .sort((a, b) => b.length - a.length);
        this.env = gitEnvironment(header, ceiling);
    }
    /** The text with the raw URL replaced by its safe form and every secret replaced by ***. */
    redact(text) {
        let out = this.url && this.url !== (0,git_url/* safeUrl */.Pl)(this.url)
            ? replaceAll(text, this.url, (0,git_url/* safeUrl */.Pl)(this.url))
            : text;
        for (const secret of this.secrets)
            out = replaceAll(out, secret, '***');
        return out;
    }
    async run(args, cwd, extraEnv = {}) {
        let result;
        try {
            result = await getExecOutput('git', args, {
                cwd,
                env: { ...this.env, ...extraEnv },
                silent: true,
                ignoreReturnCode: true,
            });
        }
        catch (error) {
            throw new GitError(`git could not be run (${this.redact(error instanceof Error ? error.message : String(error))}); install git on the runner.`);
        }
        return {
            code: result.exitCode,
            stdout: this.redact(result.stdout),
            stderr: this.redact(result.stderr),
        };
    }
}
function replaceAll(text, search, replacement) {
    return search ? text.split(search).join(replacement) : text;
}
/** Variables that would point git at another repository, or make it print what it sends. */
const DROPPED_VARIABLES = /^(?:GIT_(?:DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|COMMON_DIR|NAMESPACE|PREFIX|TRACE\w*|CURL_VERBOSE|REDACT_COOKIES|AUTHOR_\w+|COMMITTER_\w+))$/;
function gitEnvironment(header, ceiling) {
    const env = {};
    for (const [key, value] of Object.entries(process.env)) {
        if (value !== undefined && !DROPPED_VARIABLES.test(key))
            env[key] = value;
    }
    env.GIT_TERMINAL_PROMPT = '0';
    env.GCM_INTERACTIVE = 'never';
    env.LC_ALL = 'C';
    // Manifests are not kept in LFS; never download large files to edit a YAML file.
    env.GIT_LFS_SKIP_SMUDGE = '1';
    // Paths are file names, never globs (`git commit -- 'a*.yaml'` would match others).
    env.GIT_LITERAL_PATHSPECS = '1';
    // Never read the configuration of a repository that happens to enclose the work directory
    // (a runner's checkout carries its own token in an extraHeader).
    env.GIT_CEILING_DIRECTORIES = ceiling;
    if (header) {
        const count = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10);
        const index = Number.isInteger(count) && count > 0 ? count : 0;
        env[`GIT_CONFIG_KEY_${index}`] = header.key;
        env[`GIT_CONFIG_VALUE_${index}`] = header.value;
        env.GIT_CONFIG_COUNT = String(index + 1);
    }
    return env;
}
/** The line of git's output that says what went wrong (for a push: the refused ref's line). */
function gitLine(result, push = false) {
    const lines = `${result.stderr}\n${result.stdout}`
        .split(/\r?\n/)
        .map((l) => l.trim().replace(/\s+/g, ' '))
        .filter((l) => l !== '');
    const find = (pattern) => lines.find((l) => pattern.test(l));
    let pick;
    if (push) {
        const refused = find(/^! /);
        const remote = find(/^remote: (?:error|fatal|GitLab|\S+: )/i);
        pick = [refused, remote].filter(Boolean).join('; ') || undefined;
    }
    pick ??=
        find(/^fatal:/i) ??
            find(/^error:/i) ??
            find(/^remote:\s*\S/i) ??
            find(/^(?!warning:|Cloning into|To |hint:)/i) ??
            `git exited with code ${result.code}`;
    return pick.length > 300 ? `${pick.slice(0, 300)}…` : pick;
}
/** git's own rule: `scheme://` is a URL, `host:path` (colon before any slash) is ssh, else a path. */
function isLocalPath(url) {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(url))
        return false;
    if (/^[A-Za-z]:[\\/]/.test(url))
        return true;
    const colon = url.indexOf(':');
    const slash = url.indexOf('/');
    return colon < 0 || (slash >= 0 && slash < colon);
}
/**
 * Clones the remote (its branch, or its default branch) and returns it as a Store. Errors and
 * log lines never carry the token or the URL's credentials.
 */
async function openGitRemote(options) {
    const url = options.url.trim();
    const header = options.token !== undefined && options.token !== ''
        ? (0,git_url/* tokenHeader */.tf)(url, options.token, options.tokenUser || 'x-access-token')
        : undefined;
    const dir = (0,external_node_path_.resolve)(options.workDir);
    const git = new Git(url, header, (0,external_node_path_.dirname)(dir));
    const log = {
        info: (m) => options.log.info(git.redact(m)),
        warning: (m) => options.log.warning(git.redact(m)),
    };
    const ctx = {
        git,
        log,
        remote: isLocalPath(url) ? (0,external_node_path_.resolve)(url) : url,
        shown: (0,git_url/* safeUrl */.Pl)(url),
        dir,
    };
    return redacting(git, async () => {
        if (options.token && !header)
            log.info(`The token is used for http(s) remotes only; ${ctx.shown} uses its own credentials.`);
        if (header && (0,git_url/* isInsecureRemote */.vH)(url))
            log.warning(`${ctx.shown} is plain http: the token travels unencrypted. Use https.`);
        (0,external_node_fs_.mkdirSync)(ctx.dir, { recursive: true });
        if (options.branch !== undefined)
            await checkBranchName(ctx, options.branch);
        let branch = options.branch ?? (await defaultBranch(ctx));
        log.info(`Cloning ${ctx.shown} (${branch ? `branch ${branch}` : 'its default branch'}).`);
        await clone(ctx, branch);
        branch ??= await currentBranch(ctx);
        return new GitRemote(ctx, branch, options.author);
    });
}
/** Runs `fn`; nothing leaves it carrying a secret: not the message, not the stack. */
async function redacting(git, fn) {
    try {
        return await fn();
    }
    catch (error) {
        if (error instanceof Error) {
            error.message = git.redact(error.message);
            if (error.stack)
                error.stack = git.redact(error.stack);
        }
        throw error;
    }
}
/** A clone of one branch of a remote, read from its work tree, written by commit and push. */
class GitRemote {
    ctx;
    branch;
    author;
    /** The last push lost a race: the next read fetches the branch first. */
    behind = false;
    /** What the last `list` saw at the head besides regular files (folders, links, submodules). */
    others = new Map();
    constructor(ctx, 
    /** The branch written. */
    branch, author) {
        this.ctx = ctx;
        this.branch = branch;
        this.author = author;
    }
    get where() {
        return `${this.ctx.shown} (branch ${this.branch})`;
    }
    /** The remote's URL without credentials. */
    get shown() {
        return this.ctx.shown;
    }
    /** The text with the URL's credentials and the token replaced. */
    redact(text) {
        return this.ctx.git.redact(text);
    }
    /** Regular files tracked at the head; symbolic links and submodules are never edited. */
    list() {
        return redacting(this.ctx.git, async () => {
            if (this.behind)
                await this.fetch();
            const tree = await headTree(this.ctx);
            this.others = tree.others;
            return tree.files;
        });
    }
    /**
     * Says what a path the last `list` found at the head is when it is not a regular file: a
     * directory, a symbolic link (and where it points) or a submodule.
     */
    describe(path) {
        const kind = this.others.get(path);
        if (kind === undefined)
            return undefined;
        if (kind !== 'symlink')
            return (0,file_specs/* describeKind */.SB)(path, kind);
        return (0,file_specs/* describeKind */.SB)(path, kind, linkTarget((0,external_node_path_.join)(this.ctx.dir, path)));
    }
    read(paths) {
        return redacting(this.ctx.git, async () => {
            if (this.behind)
                await this.fetch();
            const head = await this.head();
            const files = new Map();
            const present = paths.filter((p) => (0,external_node_fs_.existsSync)((0,external_node_path_.join)(this.ctx.dir, p)));
            for (const p of paths)
                files.set(p, undefined);
            for (const file of (0,workspace.readFiles)(this.ctx.dir, present))
                files.set(file.path, file.text);
            return { head, files };
        });
    }
    write(head, changes, message) {
        return redacting(this.ctx.git, () => this.commitAndPush(head, changes, message));
    }
    async commitAndPush(head, changes, message) {
        const { ctx, branch } = this;
        if ((await this.head()) !== head)
            throw new store/* StaleHeadError */.q(`the clone is no longer at ${head.slice(0, 7)}`);
        (0,workspace.writeFiles)(ctx.dir, changes);
        await commit(ctx, this.author, message, changes.map((c) => c.path));
        const push = await ctx.git.run(['push', '--no-verify', 'origin', `HEAD:refs/heads/${branch}`], ctx.dir);
        if (push.code === 0) {
            const oid = await this.head();
            return { oid, url: (0,git_url/* webCommitUrl */.$P)(ctx.remote, oid) };
        }
        const line = gitLine(push, true);
        if (!LOST_RACE.test(`${push.stderr}\n${push.stdout}`)) {
            throw new GitError(`The push to ${ctx.shown} (branch ${branch}) was refused: ${line}. Check that the token or SSH key may push to ${branch}, and whether the branch is protected against this user.`);
        }
        this.behind = true;
        throw new store/* StaleHeadError */.q(line);
    }
    async head() {
        return (await expectOk(this.ctx, ['rev-parse', 'HEAD'], 'read the head')).stdout.trim();
    }
    async fetch() {
        const { branch } = this;
        await expectOk(this.ctx, ['fetch', '--quiet', '--depth', '1', '--no-tags', 'origin', `refs/heads/${branch}`], `fetch ${branch} again`);
        await expectOk(this.ctx, ['reset', '--quiet', '--hard', 'FETCH_HEAD'], `reset to the new ${branch}`);
        this.behind = false;
    }
}
async function expectOk(ctx, args, what) {
    const result = await ctx.git.run(args, ctx.dir);
    if (result.code !== 0) {
        throw new GitError(`Could not ${what} in the clone of ${ctx.shown}: ${gitLine(result)}. Check that the token or SSH key can still read the repository.`);
    }
    return result;
}
async function checkBranchName(ctx, branch) {
    const ok = branch !== '' &&
        !branch.startsWith('-') &&
        (await ctx.git.run(['check-ref-format', `refs/heads/${branch}`], ctx.dir)).code === 0;
    if (!ok)
        throw new GitError(`branch: '${branch}' is not a valid branch name; give a branch such as main, or none for the default branch of ${ctx.shown}.`);
}
function readFailure(ctx, branch, result) {
    const which = branch === undefined ? 'its default branch' : `branch '${branch}'`;
    return new GitError(`Could not clone ${ctx.shown} (${which}): ${gitLine(result)}. Check the repository URL, that the branch exists, and that the token (https) or SSH key (ssh) may read the repository.`);
}
/** The remote's default branch, from `git ls-remote --symref`; undefined when it does not say. */
async function defaultBranch(ctx) {
    const result = await ctx.git.run(['ls-remote', '--symref', '--', ctx.remote, 'HEAD'], ctx.dir);
    if (result.code !== 0)
        throw readFailure(ctx, undefined, result);
    const symref = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(result.stdout)?.[1];
    if (symref)
        return symref;
    if (result.stdout.trim() === '') {
        throw new GitError(`${ctx.shown} has no branches yet (it is empty); push the GitOps files to it first, or give the branch.`);
    }
    return undefined;
}
async function clone(ctx, branch) {
    const args = [
        'clone',
        '--quiet',
        '--depth',
        '1',
        '--single-branch',
        '--no-tags',
        // The bytes on disk are the bytes in the repository, whatever the runner's settings.
        '--config',
        'core.autocrlf=false',
        ...(branch !== undefined ? ['--branch', branch] : []),
        '--',
        ctx.remote,
        ctx.dir,
    ];
    const result = await ctx.git.run(args, ctx.dir);
    if (result.code !== 0)
        throw readFailure(ctx, branch, result);
}
async function currentBranch(ctx) {
    const result = await ctx.git.run(['symbolic-ref', '--short', 'HEAD'], ctx.dir);
    const name = result.stdout.trim();
    if (result.code !== 0 || name === '')
        throw new GitError(`Could not tell the default branch of ${ctx.shown} (${gitLine(result)}); give the branch.`);
    return name;
}
/** `git ls-tree` modes of what is not a regular file. */
const OTHER_MODES = {
    '040000': 'directory',
    '120000': 'symlink',
    '160000': 'submodule',
};
/** Regular files at HEAD, sorted; and every folder, symbolic link and submodule by path. */
async function headTree(ctx) {
    const result = await expectOk(ctx, ['ls-tree', '-r', '-t', '-z', '--full-tree', 'HEAD'], 'list the files');
    const files = [];
    const others = new Map();
    for (const entry of result.stdout.split('\0')) {
        const tab = entry.indexOf('\t');
        if (tab < 0)
            continue;
        const mode = entry.slice(0, entry.indexOf(' '));
        const path = entry.slice(tab + 1);
        if (mode === '100644' || mode === '100755')
            files.push(path);
        else if (OTHER_MODES[mode])
            others.set(path, OTHER_MODES[mode]);
    }
    return { files: files.sort(), others };
}
/** Where a checked-out symbolic link points (with core.symlinks off, git writes it as a file). */
function linkTarget(full) {
    try {
        return (0,external_node_fs_.lstatSync)(full).isSymbolicLink() ? (0,external_node_fs_.readlinkSync)(full) : (0,external_node_fs_.readFileSync)(full, 'utf8');
    }
    catch {
        return undefined;
    }
}
async function commit(ctx, author, message, paths) {
    const headline = message.headline.trim() || 'Bump images';
    const body = message.body.trim();
    const { name, email } = author;
    const result = await ctx.git.run([
        '-c',
        `user.name=${name}`,
        '-c',
        `user.email=${email}`,
        'commit',
        '--quiet',
        '--no-verify',
        '-m',
        headline,
        ...(body ? ['-m', body] : []),
        '--',
        ...paths,
    ], ctx.dir, {
        GIT_AUTHOR_NAME: name,
        GIT_AUTHOR_EMAIL: email,
        GIT_COMMITTER_NAME: name,
        GIT_COMMITTER_EMAIL: email,
    });
    if (result.code !== 0) {
        throw new GitError(`Could not commit in the clone of ${ctx.shown}: ${gitLine(result)}. Check the author name and email, and the runner's git configuration (commit signing).`);
    }
}

// EXTERNAL MODULE: ./src/run/retry.ts
var retry = __webpack_require__(1191);
// EXTERNAL MODULE: ./src/run/store-bump.ts
var store_bump = __webpack_require__(8525);
;// CONCATENATED MODULE: ./src/run/git.ts
// The write-back flow for GitOps repositories on any git host: clone the remote as a Store
// (src/stores/git), bump the files of its work tree with the engine, and write one commit with a
// push that is never forced, through the run's one retry loop (./retry.ts): a push that lost a
// race re-reads the fetched branch, re-applies the bump and pushes again.




/**
 * Clones the repository, bumps the files, commits and pushes; retries a push that lost a race by
 * fetching, re-applying and pushing again, never forcing.
 */
async function bumpGitRepository(request) {
    if (!Number.isInteger(request.maxAttempts) || request.maxAttempts < 1)
        throw new GitError(`max-attempts must be a whole number of at least 1 (got ${request.maxAttempts}).`);
    const remote = await openGitRemote(request);
    const { branch } = remote;
    const log = {
        info: (m) => request.log.info(remote.redact(m)),
        warning: (m) => request.log.warning(remote.redact(m)),
    };
    try {
        return await (0,retry/* retryRounds */.ey)({
            maxAttempts: request.maxAttempts,
            sleep: request.sleep ?? retry/* realSleep */.uk,
            onRetry: (error, attempt) => log.info(`${branch} moved while this bump was being pushed (attempt ${attempt}: ${error.message}); fetching it and applying the bump again.`),
            giveUp: (error, attempts) => new GitError(`The push to ${remote.shown} (branch ${branch}) was rejected ${attempts} ${attempts === 1 ? 'time' : 'times'}: other writers moved the branch first each time (${error.message}); nothing was overwritten. Raise max-attempts (now ${request.maxAttempts}), or bump these images together in one job.`),
        }, (attempt) => pushRound(request, remote, log, attempt));
    }
    catch (error) {
        if (error instanceof Error)
            error.message = remote.redact(error.message);
        throw error;
    }
}
/** One round: list and read the work tree, bump, and commit and push what changed. */
async function pushRound(request, remote, log, attempt) {
    const { branch } = remote;
    const { read, report } = await (0,store_bump.readAndBump)(remote, request.files, request.bumps, request.options);
    const outcome = { report, branch, attempts: attempt };
    if (!report.changed) {
        log.info(`Nothing to commit: ${(0,bump_files/* noChangeReason */.cI)(report, branch)}.`);
        return { ...outcome, operation: (0,store_bump.noChangeOperation)(report) };
    }
    const changed = report.files.filter((f) => f.changed);
    if (request.dryRun) {
        log.info(`Dry run: would commit ${changed.map((f) => f.path).join(', ')} on ${branch} of ${remote.shown}.`);
        return { ...outcome, operation: 'none' };
    }
    const message = typeof request.commitMessage === 'function'
        ? request.commitMessage(report)
        : request.commitMessage;
    const commit = await remote.write(read.head, (0,store_bump.changes)(report), message);
    log.info(`Pushed ${commit.oid} to ${branch} of ${remote.shown} (attempt ${attempt}).`);
    return { ...outcome, operation: 'committed', commit };
}


/***/ }),

/***/ 1191:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ey: () => (/* binding */ retryRounds),
/* harmony export */   jo: () => (/* binding */ backoffMs),
/* harmony export */   uP: () => (/* binding */ CROWD),
/* harmony export */   uk: () => (/* binding */ realSleep)
/* harmony export */ });
/* unused harmony exports MINUTE_MS, crowdWaitMs, RoundDeferred, isRetryable */
/* harmony import */ var _stores_store_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4703);
// The one retry loop of the run, and its one backoff: a round reads a store at its head, edits,
// and writes guarded by that head; when another writer moved the head first (StaleHeadError),
// or the write's answer was lost (UncertainWriteError), the loop waits and runs the round again,
// up to max-attempts. The GitHub commit path and the git push path both go through it. A store
// that can show when its recent commits landed (GitHub) also lets a retry wait for a crowd of
// writers to thin out before it writes again (`crowdWaitMs`), so that a burst of jobs stays
// within GitHub's limit on content-creating requests.

const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** How many rounds of one writer's own duration the first wait spreads over. */
const SPREAD = 48;
/** The first window is at least this (a round of a fast server is mostly noise). */
const MIN_FIRST_MS = 1000;
/** No backoff window is longer than this. */
const MAX_WINDOW_MS = 60_000;
/**
 * Full-jitter exponential backoff scaled by how long one read-and-write round took (`roundMs`):
 * the wait is uniform in [0, window); the first window is 48 rounds (at least 1 s) and it
 * doubles at each retry after, up to a minute.
 *
 * Why: a retry loses only to another writer whose write lands inside its own round (from its
 * read being answered to its write being answered), so with k writers retrying over a window of
 * W rounds about 2k/W of the retries collide. A GitHub write cannot be retried without a fresh
 * read (GitHub's STALE_DATA answer does not carry the new head, and the new head's files are
 * needed to re-apply the bump), so a collision costs two requests; waiting costs none. 48 rounds
 * lets a burst of 16-32 writers land mostly on their second try (about 2 requests a job more
 * than the 2 of an uncontended run, the least any scheme without coordination between jobs can
 * do, since all but one job of a synchronized burst lose the first round), the doubling finds the
 * width for a larger burst in one or two more, and scaling by the measured round keeps the
 * window right on a slow server or a busy runner, where each round is longer. In
 * bench/contention-model.mjs (16 jobs: requests a job, last landing): 32 rounds 3.87, 28 s; 48
 * rounds 3.80, 38 s; 64 rounds 3.75, 47 s; the floor of a synchronised burst is 3.875 less the
 * few that land first, and each second loss among 16 jobs adds 0.125, so 48 keeps a margin under
 * 4 at a small cost in time. A two-minute cap and a rule of two writes a minute per run save a
 * 64-job burst a few writes, but its 16-job burst's last job then lands after about 73 s: left
 * out; the crowd rule below alone keeps 64 jobs within GitHub's minute limit.
 */
function backoffMs(attempt, roundMs, random = Math.random) {
    const first = Math.max(MIN_FIRST_MS, SPREAD * roundMs);
    const window = Math.min(MAX_WINDOW_MS, first * 2 ** Math.max(0, attempt - 1));
    return Math.round(random() * window);
}
/** GitHub's secondary limit counts content-creating requests over a minute. */
const MINUTE_MS = 60_000;
/** Commits landed on the branch within a minute that mark a crowd of writers (see crowdWaitMs). */
const CROWD = 17;
/** Retries that wait out the minute are spread over this much after it. */
const MINUTE_SPREAD_MS = 20_000;
/**
 * Before a retry writes: how long to wait (and then read again) instead of writing now; 0 to
 * write now. `landed`: when the branch's newest commits landed (ms, newest first, from the
 * round's read: at least the CROWD newest); `firstLossAt`: when this run's first write was
 * refused.
 *
 * Why: GitHub allows one token about 80 content-creating requests a minute, and a refused
 * write counts too. The first write of every job of a burst is sent at once (a run alone must
 * not wait), so a burst of N jobs makes N writes within its start-up spread, all but a few
 * refused, and leaves 80 - N for the rest of that minute: with N = 64, 16. A refused write is
 * invisible to the others, but a landed commit is not. So a retry goes ahead (after the backoff)
 * while fewer than CROWD (17) commits landed within the minute (a burst of 16 jobs shows each at
 * most the other 15, and 16 with a commit made just before it); once CROWD did, the retry
 * waits until its own refused first write is a minute old, plus 0-20 s, and then reads again and
 * writes: each such retry takes the place its own first write leaves in the minute, and the
 * jitter spreads them. A run waits so once (it is not an attempt: max-attempts counts writes
 * that lost).
 */
function crowdWaitMs(landed, now, firstLossAt, random = Math.random) {
    if (crowdOf(landed, now) < CROWD)
        return 0;
    const left = firstLossAt + MINUTE_MS - now;
    return left > 0 ? Math.round(left + random() * MINUTE_SPREAD_MS) : 0;
}
/** How many of `landed` are within the minute before `now`. */
function crowdOf(landed, now) {
    return landed.filter((at) => now - at < MINUTE_MS).length;
}
/** Thrown by `Pacing.beforeWrite` when the round should wait and read again instead of writing. */
class RoundDeferred extends Error {
    waitMs;
    crowd;
    constructor(waitMs, 
    /** Commits that landed within the minute (at least CROWD). */
    crowd) {
        super(`waiting ${waitMs} ms for a crowd of writers to thin out`);
        this.waitMs = waitMs;
        this.crowd = crowd;
        this.name = 'RoundDeferred';
    }
}
/** True for the failures a new round answers: a moved head, a lost answer. */
function isRetryable(error) {
    return error instanceof _stores_store_js__WEBPACK_IMPORTED_MODULE_0__/* .StaleHeadError */ .q || error instanceof _stores_store_js__WEBPACK_IMPORTED_MODULE_0__/* .UncertainWriteError */ .z;
}
/**
 * Runs `round(attempt, pacing)` until it returns; a retryable failure waits the backoff (scaled
 * by that round's duration) and runs it again, up to `maxAttempts` rounds. A round that defers
 * its write (RoundDeferred, from `pacing.beforeWrite`) waits and runs again as the same attempt.
 * Anything else is rethrown.
 */
async function retryRounds(policy, round) {
    const now = policy.now ?? Date.now;
    const random = policy.random ?? Math.random;
    /** When this run's first write lost a race, and whether it waited for a crowd. */
    let firstLossAt;
    let deferred = false;
    const pacing = {
        beforeWrite(landed) {
            if (firstLossAt === undefined || !landed || deferred)
                return;
            const at = now();
            const wait = crowdWaitMs(landed, at, firstLossAt, random);
            if (wait === 0)
                return;
            deferred = true;
            throw new RoundDeferred(wait, crowdOf(landed, at));
        },
    };
    for (let attempt = 1;;) {
        const started = now();
        try {
            return await round(attempt, pacing);
        }
        catch (error) {
            if (error instanceof RoundDeferred) {
                policy.onDefer?.(error, attempt);
                await policy.sleep(error.waitMs);
                continue;
            }
            if (!isRetryable(error))
                throw error;
            if (attempt >= policy.maxAttempts)
                throw policy.giveUp(error, attempt);
            policy.onRetry(error, attempt);
            // A lost race waits in proportion to the round it lost; a lost answer (a timeout, a 5xx)
            // says nothing about other writers, and its round is mostly the timeout: the least wait.
            const stale = error instanceof _stores_store_js__WEBPACK_IMPORTED_MODULE_0__/* .StaleHeadError */ .q;
            if (stale)
                firstLossAt ??= now();
            await policy.sleep(backoffMs(attempt, stale ? now() - started : 0, random));
            attempt++;
        }
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
