export const id = 697;
export const ids = [697,767];
export const modules = {

/***/ 697:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bumpGitRepository: () => (/* binding */ bumpGitRepository)
/* harmony export */ });
/* unused harmony exports GitError, pushBackoffMs */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2876);
/* harmony import */ var _engine_bump_files_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2457);
/* harmony import */ var _engine_file_specs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6819);
/* harmony import */ var _workspace_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7767);
/* harmony import */ var _url_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4788);
// The write-back flow for GitOps repositories on any git host (GitLab, Bitbucket, a self-hosted
// server, a path on disk): a shallow clone, the same edit as the GitHub flow, one commit of the
// changed files, and a push that is never forced. When another writer moved the branch first,
// the push is rejected; the branch is fetched again, the bump re-applied to the files now there,
// and the push retried with jittered backoff. git runs through @actions/exec with an argument
// array (no shell); a token reaches git only through environment variables, and every message
// and log line is scrubbed of it and of any credentials in the URL.








/** A git command failed; the message names the repository (without credentials) and the fix. */
class GitError extends Error {
    constructor(message) {
        super(message);
        this.name = 'GitError';
    }
}
/**
 * Full-jitter exponential backoff between push attempts: a random wait up to
 * 200 ms × 2^(attempt − 1), capped at 5 s.
 */
function pushBackoffMs(attempt, random = Math.random) {
    const cap = Math.min(5000, 200 * 2 ** Math.max(0, attempt - 1));
    return Math.round(random() * cap);
}
/** git's answer when a push lost a race with another writer (as opposed to being refused). */
const LOST_RACE = /\((?:fetch first|non-fast-forward|stale info)\)|\[rejected\]|cannot lock ref|failed to update ref|failed to lock|incorrect old value provided/i;
const realSleep = (ms) => new Promise((done) => setTimeout(done, ms));
/** Runs git with a fixed environment and scrubs secrets from everything it says. */
class Git {
    url;
    env;
    secrets;
    constructor(url, header, ceiling) {
        this.url = url;
        this.secrets = [...(0,_url_js__WEBPACK_IMPORTED_MODULE_6__/* .urlSecrets */ .Fn)(url), ...(header?.secrets ?? [])]
            .filter((s) => s.length > 0)
            .sort((a, b) => b.length - a.length);
        this.env = gitEnvironment(header, ceiling);
    }
    /** The text with the raw URL replaced by its safe form and every secret replaced by ***. */
    redact(text) {
        let out = this.url && this.url !== (0,_url_js__WEBPACK_IMPORTED_MODULE_6__/* .safeUrl */ .Pl)(this.url)
            ? replaceAll(text, this.url, (0,_url_js__WEBPACK_IMPORTED_MODULE_6__/* .safeUrl */ .Pl)(this.url))
            : text;
        for (const secret of this.secrets)
            out = replaceAll(out, secret, '***');
        return out;
    }
    async run(args, cwd, extraEnv = {}) {
        let result;
        try {
            result = await (0,_actions_exec__WEBPACK_IMPORTED_MODULE_2__/* .getExecOutput */ .H)('git', args, {
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
 * Clones the repository, bumps the files, commits and pushes; retries a push that lost a race by
 * fetching, re-applying and pushing again, never forcing.
 */
async function bumpGitRepository(request) {
    const url = request.url.trim();
    const header = request.token !== undefined && request.token !== ''
        ? (0,_url_js__WEBPACK_IMPORTED_MODULE_6__/* .tokenHeader */ .tf)(url, request.token, request.tokenUser || 'x-access-token')
        : undefined;
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(request.workDir);
    const git = new Git(url, header, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(dir));
    const log = {
        info: (m) => request.log.info(git.redact(m)),
        warning: (m) => request.log.warning(git.redact(m)),
    };
    const ctx = {
        request,
        git,
        log,
        remote: isLocalPath(url) ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(url) : url,
        shown: (0,_url_js__WEBPACK_IMPORTED_MODULE_6__/* .safeUrl */ .Pl)(url),
        dir,
    };
    try {
        if (request.token && !header)
            log.info(`The token is used for http(s) remotes only; ${ctx.shown} uses its own credentials.`);
        if (header && (0,_url_js__WEBPACK_IMPORTED_MODULE_6__/* .isInsecureRemote */ .vH)(url))
            log.warning(`${ctx.shown} is plain http: the token travels unencrypted. Use https.`);
        return await run(ctx);
    }
    catch (error) {
        // Nothing leaves this function carrying a secret: not the message, not the stack.
        if (error instanceof Error) {
            error.message = git.redact(error.message);
            if (error.stack)
                error.stack = git.redact(error.stack);
        }
        throw error;
    }
}
async function run(ctx) {
    const { request, log } = ctx;
    if (!Number.isInteger(request.maxAttempts) || request.maxAttempts < 1)
        throw new GitError(`max-attempts must be a whole number of at least 1 (got ${request.maxAttempts}).`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)(ctx.dir, { recursive: true });
    if (request.branch !== undefined)
        await checkBranchName(ctx, request.branch);
    let branch = request.branch ?? (await defaultBranch(ctx));
    log.info(`Cloning ${ctx.shown} (${branch ? `branch ${branch}` : 'its default branch'}).`);
    await clone(ctx, branch);
    branch ??= await currentBranch(ctx);
    const sleep = request.sleep ?? realSleep;
    for (let attempt = 1;; attempt++) {
        const report = await edit(ctx);
        const outcome = { report, branch, attempts: attempt };
        if (!report.changed) {
            log.info(`Every file on ${branch} already holds the requested version: nothing to commit.`);
            return { ...outcome, operation: 'none' };
        }
        const changed = report.files.filter((f) => f.changed);
        if (request.dryRun) {
            log.info(`Dry run: would commit ${changed.map((f) => f.path).join(', ')} on ${branch} of ${ctx.shown}.`);
            return { ...outcome, operation: 'none' };
        }
        (0,_workspace_js__WEBPACK_IMPORTED_MODULE_5__/* .writeFiles */ .hV)(ctx.dir, changed.map((f) => ({ path: f.path, text: f.after })));
        await commit(ctx, report, changed.map((f) => f.path));
        const push = await ctx.git.run(['push', '--no-verify', 'origin', `HEAD:refs/heads/${branch}`], ctx.dir);
        if (push.code === 0) {
            const oid = (await expectOk(ctx, ['rev-parse', 'HEAD'], 'read the new commit')).stdout.trim();
            log.info(`Pushed ${oid} to ${branch} of ${ctx.shown} (attempt ${attempt}).`);
            return {
                ...outcome,
                operation: 'committed',
                commit: { oid, url: (0,_url_js__WEBPACK_IMPORTED_MODULE_6__/* .webCommitUrl */ .$P)(ctx.remote, oid) },
            };
        }
        const line = gitLine(push, true);
        if (!LOST_RACE.test(`${push.stderr}\n${push.stdout}`)) {
            throw new GitError(`The push to ${ctx.shown} (branch ${branch}) was refused: ${line}. Check that the token or SSH key may push to ${branch}, and whether the branch is protected against this user.`);
        }
        if (attempt >= request.maxAttempts) {
            throw new GitError(`The push to ${ctx.shown} (branch ${branch}) was rejected ${attempt} ${attempt === 1 ? 'time' : 'times'}: other writers moved the branch first each time (${line}); nothing was overwritten. Raise max-attempts (now ${request.maxAttempts}), or bump these images together in one job.`);
        }
        log.info(`${branch} moved while this bump was being pushed (attempt ${attempt}: ${line}); fetching it and applying the bump again.`);
        await sleep(pushBackoffMs(attempt));
        await expectOk(ctx, ['fetch', '--quiet', '--depth', '1', '--no-tags', 'origin', `refs/heads/${branch}`], `fetch ${branch} again`);
        await expectOk(ctx, ['reset', '--quiet', '--hard', 'FETCH_HEAD'], `reset to the new ${branch}`);
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
/** Regular files tracked at HEAD; symbolic links and submodules are never edited. */
async function trackedFiles(ctx) {
    const result = await expectOk(ctx, ['ls-files', '--stage', '-z'], 'list the files');
    const paths = [];
    for (const entry of result.stdout.split('\0')) {
        const tab = entry.indexOf('\t');
        if (tab < 0)
            continue;
        const mode = entry.slice(0, entry.indexOf(' '));
        if (mode === '100644' || mode === '100755')
            paths.push(entry.slice(tab + 1));
    }
    return paths.sort();
}
/** Lists, reads and bumps the files as they are in the work tree now. */
async function edit(ctx) {
    const { request } = ctx;
    const targets = (0,_engine_file_specs_js__WEBPACK_IMPORTED_MODULE_4__/* .expandFileSpecs */ .Ze)(request.files, await trackedFiles(ctx));
    const files = (0,_workspace_js__WEBPACK_IMPORTED_MODULE_5__/* .readFiles */ .Ul)(ctx.dir, targets.map((t) => t.path));
    return (0,_engine_bump_files_js__WEBPACK_IMPORTED_MODULE_3__/* .bumpFiles */ .OS)(files, targets, request.bumps, request.options);
}
async function commit(ctx, report, paths) {
    const { request } = ctx;
    const message = typeof request.commitMessage === 'function'
        ? request.commitMessage(report)
        : request.commitMessage;
    const headline = message.headline.trim() || 'Bump images';
    const body = message.body.trim();
    const { name, email } = request.author;
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


/***/ }),

/***/ 7767:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ul: () => (/* binding */ readFiles),
/* harmony export */   editWorkspace: () => (/* binding */ editWorkspace),
/* harmony export */   g7: () => (/* binding */ decodeText),
/* harmony export */   hV: () => (/* binding */ writeFiles),
/* harmony export */   writeChanged: () => (/* binding */ writeChanged)
/* harmony export */ });
/* unused harmony exports listFiles, FileReadError */
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _engine_bump_files_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2457);
/* harmony import */ var _engine_file_specs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6819);
// Files on disk, for the CLI and for the action's local mode: list, read (refusing binary and
// non-UTF-8 files, whose bytes a text edit would damage), and write all-or-nothing.





const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);
/** Every file below `root`, as `/`-separated paths relative to it. */
function listFiles(root) {
    const entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(root, { recursive: true, withFileTypes: true });
    const paths = [];
    for (const entry of entries) {
        if (!entry.isFile())
            continue;
        const parent = entry.parentPath ??
            entry.path;
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(root, (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(parent, entry.name)).split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/');
        if (path.split('/').some((part) => SKIPPED_FOLDERS.has(part)))
            continue;
        paths.push(path);
    }
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
/** Writes every file, or none: each goes to a temporary file first, then all are renamed. */
function writeFiles(root, files) {
    const staged = [];
    try {
        for (const file of files) {
            const target = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, file.path);
            const temp = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(target), `.gitops-bump-${process.pid}-${staged.length}.tmp`);
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
/** Reads the files the specs name below `root` and bumps them in memory; writes nothing. */
function editWorkspace(root, specs, bumps, options) {
    const targets = (0,_engine_file_specs_js__WEBPACK_IMPORTED_MODULE_4__/* .expandFileSpecs */ .Ze)(specs, listFiles(root));
    const files = readFiles(root, targets.map((t) => t.path));
    return (0,_engine_bump_files_js__WEBPACK_IMPORTED_MODULE_3__/* .bumpFiles */ .OS)(files, targets, bumps, options);
}
/** Writes the files a bump changed, all or none. */
function writeChanged(root, report) {
    writeFiles(root, report.files.filter((f) => f.changed).map((f) => ({ path: f.path, text: f.after })));
}


/***/ })

};
