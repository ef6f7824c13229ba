export const id = 10;
export const ids = [10];
export const modules = {

/***/ 7010:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ContentionError: () => (/* binding */ ContentionError),
  backoffMs: () => (/* reexport */ retry/* backoffMs */.jo),
  bumpRemote: () => (/* binding */ bumpRemote)
});

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(4006);
var picomatch_default = /*#__PURE__*/__webpack_require__.n(picomatch);
// EXTERNAL MODULE: ./src/engine/bump-files.ts + 17 modules
var bump_files = __webpack_require__(88);
// EXTERNAL MODULE: ./src/engine/file-specs.ts + 1 modules
var file_specs = __webpack_require__(283);
// EXTERNAL MODULE: ./src/stores/github/errors.ts
var errors = __webpack_require__(2437);
;// CONCATENATED MODULE: ./src/stores/github/store.ts
// One branch of a GitHub repository as a Store, over GitHubPort: a read is one snapshot query,
// a write one commit guarded by the head it was built on (createCommitOnBranch's
// expectedHeadOid), or, with commit-api: contents, one file guarded by its blob.

/** A branch of a repository on GitHub. */
class GitHubBranch {
    github;
    options;
    /** The last read: the repository's names, the branch, the files' blobs. */
    snapshot;
    /** Whether reads also fetch the head commit and its parent (to recognise a lost write). */
    lineage = false;
    /** How many of the newest commits' dates reads also fetch (0: none); see Snapshot's `landed`. */
    landed = 0;
    constructor(github, options) {
        this.github = github;
        this.options = options;
    }
    /** The branch read (the default branch's name once read, when none was given). */
    get branch() {
        return this.snapshot?.base.name ?? this.options.branch ?? 'HEAD';
    }
    get where() {
        const s = this.snapshot;
        if (!s)
            return `${this.options.repo.owner}/${this.options.repo.name} at ${this.branch}`;
        return `${s.nameWithOwner} at ${s.base.name} (${s.base.headOid.slice(0, 7)})`;
    }
    async list() {
        return (await this.github.listPaths(this.options.repo, this.branch)).paths;
    }
    async read(paths) {
        this.snapshot = await this.github.snapshot({
            repo: this.options.repo,
            ...(this.options.branch !== undefined && { branch: this.options.branch }),
            paths,
            ...(this.lineage && { lineage: true }),
            ...(this.landed > 0 && { landed: this.landed }),
        });
        return { head: this.snapshot.base.headOid, files: texts(this.snapshot.base.files) };
    }
    async write(head, changes, message) {
        const { repo, commitApi } = this.options;
        const branch = this.branch;
        if (commitApi === 'graphql') {
            return this.github.commit({
                repo,
                branch,
                expectedHeadOid: head,
                ...message,
                files: changes,
            });
        }
        if (changes.length !== 1) {
            throw new errors/* GitHubError */.y_(`commit-api: 'contents' writes one file per commit, and this bump changes ${changes.length} files (${changes.map((f) => f.path).join(', ')}); use commit-api: graphql for one atomic commit.`);
        }
        const file = changes[0];
        const blob = this.snapshot?.base.headOid === head && this.snapshot.base.files.get(file.path);
        if (!blob)
            throw new errors/* GitHubError */.y_(`files: '${file.path}' was not read at ${head.slice(0, 7)}.`);
        return this.github.putContents({
            repo,
            branch,
            path: file.path,
            blobOid: blob.oid,
            text: file.text,
            message: message.body ? `${message.headline}\n\n${message.body}` : message.headline,
        });
    }
    /** The web address of a commit of this repository. */
    commitUrl(oid) {
        return `${this.snapshot?.url ?? ''}/commit/${oid}`;
    }
}
function texts(files) {
    return new Map([...files].map(([path, file]) => [path, file?.text]));
}

// EXTERNAL MODULE: ./src/run/first-read.ts
var first_read = __webpack_require__(7596);
// EXTERNAL MODULE: ./src/run/messages.ts + 1 modules
var messages = __webpack_require__(492);
;// CONCATENATED MODULE: ./src/run/pull-lifecycle.ts
// The pull request's life around the write: judging an open PR against what the base branch
// holds, closing one whose change is refused or already deployed, superseding this action's
// older PRs for the same images, and waiting for the merge. Speaks only GitHubPort.



/** A failure after something was written: the outcome says what was, for outputs and summary. */
class WrittenError extends errors/* GitHubError */.y_ {
    outcome;
    constructor(message, outcome) {
        super(message);
        this.outcome = outcome;
    }
}
/**
 * The files an open pull request must change so that it holds exactly the base branch plus this
 * bump: each place is judged against the base (what is deployed), never against the PR's head.
 * Empty when the PR already holds that.
 */
function pullDrift(report, snapshot) {
    const head = snapshot.head;
    return report.files
        .filter((f) => head?.files.get(f.path)?.text !== f.after)
        .map((f) => ({ path: f.path, text: f.after }));
}
/** Says why nothing is deployed: refused by policy (with the reasons), or already there. */
const nothingToDeployMessage = bump_files/* noChangeReason */.cI;
/**
 * Nothing to deploy against the base, yet a pull request of this image set is open: its change is
 * refused by the policy now, or the base already holds it. It is closed with a comment that says
 * why (and its branch deleted), so it is neither merged nor left to auto-merge.
 */
async function closeUnneededPull(ctx, snapshot, report, outcome) {
    const pull = snapshot.pull;
    const base = snapshot.base.name;
    const why = nothingToDeployMessage(report, base);
    const info = { number: pull.number, url: pull.url };
    const refused = (0,bump_files/* refusedOccurrences */.F7)(report).length > 0;
    if (ctx.request.dryRun) {
        ctx.log.info(`Dry run: pull request #${pull.number} would be closed: ${why}.`);
        return { ...outcome, operation: refused ? 'refused' : 'none', pull: info };
    }
    ctx.log.phase?.(`Write: close pull request #${pull.number}`);
    const comment = refused
        ? `gitops-bump closed this pull request: its change is ${why}. Nothing was merged. To roll back on purpose, run again with allow-downgrade: true.`
        : `gitops-bump closed this pull request: ${why}, so it is no longer needed.`;
    const result = await ctx.github.closePulls({
        repo: ctx.request.repo,
        pulls: [
            {
                id: pull.id,
                number: pull.number,
                comment,
                ...(snapshot.head && { headRefId: snapshot.head.refId }),
            },
        ],
    });
    for (const problem of result.problems)
        ctx.log.warning(problem);
    if (!result.closed.includes(pull.number)) {
        throw new WrittenError(`Pull request #${pull.number} (${pull.url}) must not be merged (${why}), but closing it failed: ${result.problems.join('; ')}. Close it by hand.`, { ...outcome, operation: 'none', pull: info });
    }
    ctx.log.info(`Closed pull request #${pull.number}: ${why}.`);
    return { ...outcome, operation: 'pr-closed', pull: info, merged: false };
}
/**
 * on-policy-violation: fail refused the change while a pull request for it is open: the step
 * fails as asked, and the pull request (which would roll the base back if merged, perhaps by
 * auto-merge) is closed with the policy's message. Returns the error to throw.
 */
async function closeOnPolicyFailure(ctx, snapshot, error) {
    const pull = snapshot.pull;
    if (!pull || ctx.request.dryRun)
        return error;
    const result = await ctx.github.closePulls({
        repo: ctx.request.repo,
        pulls: [
            {
                id: pull.id,
                number: pull.number,
                comment: `gitops-bump closed this pull request: against ${snapshot.base.name} (what is deployed), ${error.message.replace(/^The version policy/, 'the version policy')} Nothing was merged.`,
                ...(snapshot.head && { headRefId: snapshot.head.refId }),
            },
        ],
    });
    for (const problem of result.problems)
        ctx.log.warning(problem);
    if (!result.closed.includes(pull.number))
        return new errors/* GitHubError */.y_(`${error.message}\nPull request #${pull.number} (${pull.url}) carries that change and could not be closed: close it by hand.`);
    const report = { files: [], occurrences: [], skipped: [], missed: [], changed: false };
    return new WrittenError(`${error.message}\nPull request #${pull.number} (${pull.url}), which carried that change, was closed.`, {
        report,
        operation: 'pr-closed',
        branch: ctx.request.prBranch,
        base: snapshot.base.name,
        attempts: 1,
        pull: { number: pull.number, url: pull.url },
        merged: false,
    });
}
/**
 * Closes this action's other open pull requests on the same base whose images are this run's
 * images or a subset of them: one request for all of them (none when there are none).
 */
async function supersede(ctx, snapshot, current, bumps) {
    if (!ctx.request.closeSuperseded || !snapshot.bumpPulls)
        return [];
    const mine = new Set(bumps.map((b) => b.image.name));
    const older = snapshot.bumpPulls.filter((p) => {
        if (p.number === current.number || p.baseRefName !== snapshot.base.name)
            return false;
        const images = (0,messages/* markedImages */.rY)(p.body);
        return images !== undefined && images.length > 0 && images.every((i) => mine.has(i));
    });
    if (older.length === 0)
        return [];
    const result = await ctx.github.closePulls({
        repo: ctx.request.repo,
        pulls: older.map((p) => ({
            id: p.id,
            number: p.number,
            comment: `Superseded by #${current.number} (${current.url}), which gitops-bump now keeps up to date for these images. Closed by gitops-bump.`,
            ...(p.headRefId && { headRefId: p.headRefId }),
        })),
    });
    for (const problem of result.problems)
        ctx.log.warning(`Superseding: ${problem}`);
    for (const n of result.closed) {
        const kept = result.branchesDeleted.includes(n) ? 'its branch deleted' : 'its branch kept';
        ctx.log.info(`Closed pull request #${n}, superseded by #${current.number} (${kept}).`);
    }
    return result.closed;
}
/** The first wait between polls, the longest, and how each wait grows. */
const FIRST_POLL_MS = 2000;
const MAX_POLL_MS = 30_000;
/**
 * Waits until GitHub merges the pull request (auto-merge is on), polling one small query with
 * backoff from 2 s to 30 s. Closed without a merge, or time up: a WrittenError that says which.
 */
async function waitForMerge(ctx, pull, outcome) {
    const limit = ctx.request.waitForMergeMs;
    ctx.log.phase?.(`Wait for pull request #${pull.number} to merge (up to ${showMs(limit)})`);
    const deadline = ctx.now() + limit;
    let delay = FIRST_POLL_MS;
    for (let polls = 1;; polls++) {
        let status;
        try {
            status = await ctx.github.pullStatus(ctx.request.repo, pull.id);
        }
        catch (error) {
            throw new WrittenError(`Waiting for pull request #${pull.number} (${pull.url}) to merge failed: ${error instanceof Error ? error.message : String(error)}`, { ...outcome, merged: false });
        }
        if (status.state === 'MERGED' && status.mergeCommit) {
            ctx.log.info(`Pull request #${pull.number} was merged: ${status.mergeCommit.oid} (${polls} ${polls === 1 ? 'check' : 'checks'}).`);
            return status.mergeCommit;
        }
        if (status.state === 'CLOSED') {
            throw new WrittenError(`Pull request #${pull.number} (${pull.url}) was closed without being merged while this step waited for it; nothing was deployed.`, { ...outcome, merged: false });
        }
        const left = deadline - ctx.now();
        if (left <= 0) {
            throw new WrittenError(`Pull request #${pull.number} (${pull.url}) was not merged within wait-for-merge (${showMs(limit)}); it stays open with auto-merge enabled. Check its required checks, or raise wait-for-merge.`, { ...outcome, merged: false });
        }
        await ctx.sleep(Math.min(delay, left));
        delay = Math.min(MAX_POLL_MS, delay * 2);
    }
}
function showMs(ms) {
    if (ms % 3_600_000 === 0)
        return `${ms / 3_600_000}h`;
    if (ms % 60_000 === 0)
        return `${ms / 60_000}m`;
    return `${ms / 1000}s`;
}

// EXTERNAL MODULE: ./src/run/retry.ts
var retry = __webpack_require__(1191);
// EXTERNAL MODULE: ./src/run/store-bump.ts
var store_bump = __webpack_require__(8525);
;// CONCATENATED MODULE: ./src/run/remote.ts
// The write-back flows, shared by the action and the CLI: read the files at the branch head
// through GitHubPort, edit them with the engine, and write one atomic commit guarded by the head
// it was built on (through the branch as a Store and the run's one retry loop, ./retry.ts), or a
// pull request (GitHub's own flow); when another writer moved the branch first, re-read,
// re-apply and retry with jittered backoff. Nothing here knows HTTP: see src/stores/github.










function readPhase(log, attempt) {
    log.phase?.(attempt === 1
        ? 'Read and edit the files'
        : `Read and edit the files again (attempt ${attempt})`);
}

/** Thrown when other writers kept moving the branch for every attempt. */
class ContentionError extends errors/* GitHubError */.y_ {
}
/** Runs a remote bump. */
async function bumpRemote(github, request, log, sleep = retry/* realSleep */.uk, now = Date.now) {
    const ctx = { github, request, log, sleep, now };
    const targets = await resolveTargets(ctx);
    return request.mode === 'pull-request' ? pullFlow(ctx, targets) : commitFlow(ctx, targets);
}
/**
 * Explicit paths are read directly; globs need one listing of the tree, or, when GitHub truncates
 * it, a listing of the folders the globs can match (each glob's static prefix).
 */
async function resolveTargets(ctx) {
    const { request } = ctx;
    const paths = new Set();
    // Whether the named paths exist is checked on the snapshot.
    const named = () => {
        for (const path of (0,first_read/* namedPaths */.SR)(request.files))
            paths.add(path);
    };
    const globs = request.files.filter((s) => s.isGlob && !s.exclude);
    if (globs.length === 0) {
        named();
        return (0,file_specs/* expandFileSpecs */.Ze)(request.files, [...paths]);
    }
    const bases = globs.map((s) => picomatch_default().scan(s.pattern).base);
    const listed = await ctx.github.listPaths(request.repo, request.branch ?? 'HEAD', bases);
    for (const path of listed.paths)
        paths.add(path);
    if (!listed.complete)
        named();
    return (0,file_specs/* expandFileSpecs */.Ze)(request.files, [...paths].sort());
}
/** Turns the files read into the engine's input; a path missing at the head is an error. */
function sourceFiles(targets, files, where, kinds) {
    return targets.map((t) => {
        const file = files.get(t.path);
        if (!file) {
            const other = kinds?.get(t.path);
            if (other)
                throw new file_specs/* FileSpecError */["if"](`files: '${t.path}' in ${where} ${(0,file_specs/* describeKind */.SB)(t.path, other.kind, other.target)}.`);
            throw new file_specs/* FileSpecError */["if"](`files: '${t.path}' does not exist in ${where}. Check the path (it is relative to the repository root) and the branch.`);
        }
        return { path: t.path, text: file.text };
    });
}
/**
 * Targets named as `file#key` whose literal path was also read (a file name that contains '#'):
 * keep the reading that exists.
 */
function existingTargets(targets, files, specs) {
    if (!specs.some((s) => s.keyPath && !s.isGlob))
        return [...targets];
    const present = [...files.entries()].filter(([, f]) => f).map(([p]) => p);
    return (0,file_specs/* expandFileSpecs */.Ze)(specs, present);
}
function edit(ctx, snapshot, targets) {
    const where = `${snapshot.nameWithOwner} at ${snapshot.base.name} (${snapshot.base.headOid.slice(0, 7)})`;
    const mine = existingTargets(targets, snapshot.base.files, ctx.request.files);
    return (0,bump_files/* bumpFiles */.OS)(sourceFiles(mine, snapshot.base.files, where, snapshot.base.kinds), mine, ctx.request.bumps, ctx.request.options);
}
function changedFiles(report) {
    return report.files.filter((f) => f.changed).map((f) => ({ path: f.path, text: f.after }));
}
/** The start of a round: a new log phase, the time, and one read of the repository. */
async function readRound(ctx, attempt, query) {
    readPhase(ctx.log, attempt);
    const started = Date.now();
    const snapshot = await ctx.github.snapshot({
        repo: ctx.request.repo,
        ...(ctx.request.branch !== undefined && { branch: ctx.request.branch }),
        ...query,
    });
    return { snapshot, started };
}
/**
 * After a write that lost a race (or whose answer was lost): rethrows anything else, gives up
 * after max-attempts, else waits before the next round.
 */
async function nextRound(ctx, error, branch, attempt, started) {
    if (!(error instanceof errors/* StaleHeadError */.qh) && !(error instanceof errors/* UncertainWriteError */.ze))
        throw error;
    if (error instanceof errors/* UncertainWriteError */.ze)
        ctx.log.warning(`The write's answer was lost (${error.message}); checking whether it landed.`);
    else
        ctx.log.info(`${branch} moved while this bump was being written (attempt ${attempt}); re-reading.`);
    if (attempt >= ctx.request.maxAttempts)
        throw contention(ctx.request, branch, attempt);
    await ctx.sleep((0,retry/* backoffMs */.jo)(attempt, Date.now() - started));
}
async function commitFlow(ctx, targets) {
    const { request, log } = ctx;
    const store = new GitHubBranch(ctx.github, {
        repo: request.repo,
        ...(request.branch !== undefined && { branch: request.branch }),
        commitApi: request.commitApi,
    });
    const paths = (0,first_read/* readPaths */.Vv)(targets, request.files);
    const round = {};
    const lost = (error, attempt) => {
        if (error instanceof errors/* UncertainWriteError */.ze) {
            round.uncertain = round.sent;
            log.warning(`The write's answer was lost (${error.message}); checking whether it landed.`);
        }
        else
            log.info(`${store.branch} moved while this bump was being written (attempt ${attempt}); re-reading.`);
    };
    return (0,retry/* retryRounds */.ey)({
        maxAttempts: request.maxAttempts,
        sleep: ctx.sleep,
        now: ctx.now,
        onRetry: lost,
        giveUp: (error, attempts) => {
            lost(error, attempts);
            return contention(request, store.branch, attempts);
        },
        onDefer: (deferred) => log.info(`${deferred.crowd} commits landed on ${store.branch} within the last minute: many jobs are writing it at once. Waiting ${Math.round(deferred.waitMs / 1000)} s (until this run's refused write is a minute old) before reading again, so that together they stay within GitHub's limit on content-creating requests.`),
    }, (attempt, pacing) => commitRound(ctx, store, targets, paths, attempt, round, pacing));
}
/** One round of the commit flow: read at the head, edit, one commit guarded by that head. */
async function commitRound(ctx, store, targets, paths, attempt, round, pacing) {
    const { request, log } = ctx;
    readPhase(log, attempt);
    // After a lost answer the read also fetches the head's lineage, to recognise this run's commit;
    // a retry's read also fetches when the newest commits landed, to see a crowd of writers.
    store.lineage = round.uncertain !== undefined;
    store.landed = attempt > 1 ? retry/* CROWD */.uP : 0;
    const read = await store.read(paths);
    const snapshot = store.snapshot;
    const report = edit(ctx, snapshot, targets);
    const base = store.branch;
    const outcome = { report, branch: base, base, attempts: attempt };
    if (!report.changed) {
        if (round.uncertain)
            return lostWriteOutcome(ctx, snapshot, round.uncertain, outcome);
        log.info(`Nothing to commit: ${nothingToDeployMessage(report, base)}.`);
        return { ...outcome, operation: (0,store_bump.noChangeOperation)(report) };
    }
    if (request.dryRun)
        return { ...outcome, operation: 'none' };
    pacing.beforeWrite(snapshot.base.landed);
    log.phase?.(`Write: one commit on ${base}`);
    const message = (0,messages/* commitMessage */.df)(request.commitMessage, report, request.bumps);
    round.sent = { ...message, parentOid: read.head };
    const commit = await store.write(read.head, changedFiles(report), message);
    log.info(`Committed ${commit.oid} on ${base} (attempt ${attempt}).`);
    return { ...outcome, operation: 'committed', commit };
}
/**
 * The re-read after a lost answer finds the change on the branch: it is reported as this run's
 * commit only when the head (or its parent) has this run's message and the parent it was sent
 * on; otherwise the change is there but not provably this run's, and commit-sha stays empty.
 */
function lostWriteOutcome(ctx, snapshot, sent, outcome) {
    const base = snapshot.base.name;
    const mine = snapshot.base.lineage?.find((c) => c.parentOid === sent.parentOid &&
        c.headline === sent.headline &&
        c.body.trim() === sent.body.trim());
    if (mine) {
        ctx.log.info(`The earlier write reached GitHub: ${mine.oid} on ${base} is this run's commit.`);
        return {
            ...outcome,
            operation: 'committed',
            commit: { oid: mine.oid, url: commitUrl(snapshot, mine.oid) },
        };
    }
    ctx.log.warning(`The earlier write's answer was lost, and ${base} now holds the change, but its head ${snapshot.base.headOid.slice(0, 7)} is not this run's commit (another message or parent): another writer made the same change. Nothing was committed by this run, so commit-sha is empty.`);
    return { ...outcome, operation: 'none' };
}
function commitUrl(snapshot, oid) {
    return `${snapshot.url}/commit/${oid}`;
}
function contention(request, branch, attempts) {
    return new ContentionError(`${request.repo.owner}/${request.repo.name}@${branch} was moved by other writers ${attempts} times in a row while this bump was being written; nothing was overwritten. Raise max-attempts (now ${request.maxAttempts}), or bump these images together with images: in one job.`);
}
function checkMergeMethod(ctx, snapshot) {
    const { request } = ctx;
    if (request.merge === 'none')
        return;
    const allowed = snapshot.allows[request.mergeMethod];
    if (!allowed) {
        const others = ['squash', 'merge', 'rebase'].filter((m) => snapshot.allows[m]);
        throw new errors/* GitHubError */.y_(`merge-method: '${request.mergeMethod}' is not allowed in ${snapshot.nameWithOwner}; use ${others.join(' or ') || 'a method the repository allows'}, or allow it in the repository settings.`);
    }
}
async function pullFlow(ctx, targets) {
    const { request, log } = ctx;
    const paths = (0,first_read/* readPaths */.Vv)(targets, request.files);
    const reviewers = request.prReviewers.filter((r) => !r.includes('/'));
    for (let attempt = 1;; attempt++) {
        const { snapshot, started } = await readRound(ctx, attempt, {
            paths,
            prBranch: request.prBranch,
            labels: request.prLabels,
            users: reviewers,
            ...(request.closeSuperseded && !request.dryRun && { bumpPulls: true }),
        });
        const base = snapshot.base.name;
        if (base === request.prBranch) {
            throw new errors/* GitHubError */.y_(`pr-branch: '${request.prBranch}' is the target branch itself; give another pr-branch.`);
        }
        const report = await editOrClose(ctx, snapshot, targets);
        const pull = snapshot.pull ?? null;
        const outcome = { report, branch: request.prBranch, base, attempts: attempt };
        if (!report.changed) {
            if (pull)
                return closeUnneededPull(ctx, snapshot, report, outcome);
            log.info(`Nothing to deploy: ${nothingToDeployMessage(report, base)}; no pull request needed.`);
            return { ...outcome, branch: '', operation: (0,store_bump.noChangeOperation)(report) };
        }
        // The PR must hold exactly the base plus this bump: each place is judged against the base.
        const drift = pull ? pullDrift(report, snapshot) : [];
        if (pull && drift.length === 0) {
            const info = { number: pull.number, url: pull.url };
            log.info(`Pull request #${pull.number} already holds this bump against ${base}.`);
            if (request.dryRun)
                return { ...outcome, operation: 'none', pull: info };
            log.phase?.(`Write: pull request #${pull.number}`);
            return keepPull(ctx, snapshot, pull, false, {
                ...heldBefore(ctx, pull, outcome),
                pull: info,
            });
        }
        if (request.dryRun)
            return {
                ...outcome,
                operation: 'none',
                ...(pull && { pull: { number: pull.number, url: pull.url } }),
            };
        checkMergeMethod(ctx, snapshot);
        try {
            return await writePull(ctx, snapshot, report, drift, outcome);
        }
        catch (error) {
            await nextRound(ctx, error, request.prBranch, attempt, started);
        }
    }
}
/** The edit against the base; a policy failure also closes the open PR that carries it. */
async function editOrClose(ctx, snapshot, targets) {
    try {
        return edit(ctx, snapshot, targets);
    }
    catch (error) {
        if (error instanceof bump_files/* PolicyViolationError */.u2)
            throw await closeOnPolicyFailure(ctx, snapshot, error);
        throw error;
    }
}
/**
 * The PR already holds the change: written by an earlier round of this run whose later answer
 * was lost (reported as that round's write), or before this run (`none`).
 */
function heldBefore(ctx, pull, outcome) {
    const earlier = ctx.written;
    if (!earlier?.commit)
        return { ...outcome, operation: 'none' };
    const operation = pull.autoMergeEnabled ? 'auto-merge-enabled' : earlier.operation;
    return { ...outcome, operation, commit: earlier.commit };
}
/** Updates the open pull request with the files that drifted, or opens a new one. */
async function writePull(ctx, snapshot, report, drift, outcome) {
    const { github, request, log } = ctx;
    const base = snapshot.base.name;
    const pull = snapshot.pull ?? null;
    log.phase?.(`Write: pull request from ${request.prBranch} into ${base}`);
    const message = (0,messages/* commitMessage */.df)(request.commitMessage, report, request.bumps);
    const values = (0,messages/* placeholderValues */.m_)(report, request.bumps);
    const title = (0,messages/* render */.XX)(request.prTitle, values).split('\n')[0].trim() || message.headline;
    const body = `${request.prBody ? (0,messages/* render */.XX)(request.prBody, values) : (0,messages/* defaultPullBody */.pm)(report, request.runUrl)}\n${(0,messages/* pullMarker */.Yp)(request.bumps)}\n`;
    const headline = message.headline;
    if (pull) {
        const commitInput = { headline, body: message.body, files: drift };
        const { commit } = await github.updatePull({
            repo: request.repo,
            pull,
            head: request.prBranch,
            expectedHeadOid: snapshot.head?.headOid ?? pull.headOid,
            commit: commitInput,
            title,
            body,
        });
        log.info(`Updated pull request #${pull.number} with ${commit.oid}.`);
        const info = { number: pull.number, url: pull.url };
        const updated = { ...pull, headOid: commit.oid };
        return keepPull(ctx, snapshot, updated, false, {
            ...outcome,
            commit,
            operation: 'pr-updated',
            pull: info,
        });
    }
    if (snapshot.head) {
        log.info(`The branch ${request.prBranch} exists without an open pull request (closed or merged before); it is reset to ${base}.`);
    }
    const opened = await github.openPull({
        repo: request.repo,
        repositoryId: snapshot.repositoryId,
        base,
        baseOid: snapshot.base.headOid,
        head: request.prBranch,
        ...(snapshot.head && { staleHeadRefId: snapshot.head.refId }),
        commit: { headline, body: message.body, files: changedFiles(report) },
        title,
        body,
    });
    log.info(`Opened pull request #${opened.pull.number}: ${opened.pull.url}`);
    const info = { number: opened.pull.number, url: opened.pull.url };
    return keepPull(ctx, snapshot, opened.pull, true, {
        ...outcome,
        commit: opened.commit,
        operation: 'pr-created',
        pull: info,
    });
}
/**
 * After the PR holds the change: supersede older PRs for the same images, add labels and
 * reviewers, merge or enable auto-merge, and wait for the merge when asked.
 */
async function keepPull(ctx, snapshot, pull, isNew, written) {
    if (written.commit)
        ctx.written = written;
    const superseded = await supersede(ctx, snapshot, written.pull, ctx.request.bumps);
    let outcome = superseded.length > 0 ? { ...written, superseded } : written;
    let finished;
    try {
        finished = await finish(ctx, snapshot, pull, isNew);
    }
    catch (error) {
        // A lost answer or a moved head: the round is read and tried again.
        if (error instanceof errors/* StaleHeadError */.qh || error instanceof errors/* UncertainWriteError */.ze)
            throw error;
        // The PR exists: say which, so that the outputs still name it.
        if (error instanceof WrittenError)
            throw error;
        throw new WrittenError(error instanceof Error ? error.message : String(error), outcome);
    }
    outcome = {
        ...outcome,
        ...(finished.commit && { commit: finished.commit }),
        operation: finished.operation ?? outcome.operation,
    };
    if (outcome.operation === 'pr-merged')
        return { ...outcome, merged: true, ...(finished.commit && { mergeCommit: finished.commit }) };
    const autoMerging = finished.operation === 'auto-merge-enabled' || pull.autoMergeEnabled;
    if (ctx.request.waitForMergeMs > 0 && autoMerging) {
        const mergeCommit = await waitForMerge(ctx, pull, outcome);
        return { ...outcome, merged: true, mergeCommit };
    }
    return { ...outcome, merged: false };
}
/** Labels and reviewers (new PRs), then auto-merge or merge. */
async function finish(ctx, snapshot, pull, isNew) {
    const { github, request, log } = ctx;
    const labels = isNew ? request.prLabels : [];
    const users = isNew ? reviewersFor(ctx, snapshot, pull) : [];
    let merge = request.merge;
    if (merge === 'auto' && pull.autoMergeEnabled)
        merge = 'none';
    if (merge === 'auto' && !snapshot.allows.autoMerge) {
        log.warning(`Auto-merge is not allowed in ${snapshot.nameWithOwner} (Settings → General → "Allow auto-merge"); merging the pull request now if GitHub allows it.`);
        merge = 'now';
    }
    const common = {
        repo: request.repo,
        pullId: pull.id,
        pullNumber: pull.number,
        expectedHeadOid: pull.headOid,
        labelIds: labels.filter((l) => snapshot.labelIds.has(l)).map((l) => snapshot.labelIds.get(l)),
        newLabels: labels.filter((l) => !snapshot.labelIds.has(l)),
        userIds: users.map((u) => snapshot.userIds.get(u)),
        teams: isNew ? request.prReviewers.filter((r) => r.includes('/')) : [],
        method: request.mergeMethod,
    };
    let result;
    try {
        result = await github.finishPull({ ...common, merge });
    }
    catch (error) {
        if (merge !== 'now')
            throw error;
        return mergeLater(ctx, pull, error, request.merge === 'auto');
    }
    for (const problem of result.problems ?? [])
        log.warning(problem);
    if (result.kind === 'clean') {
        log.info(`GitHub says pull request #${pull.number} is already mergeable: merging it now.`);
        try {
            return { operation: 'pr-merged', commit: await mergeNow(ctx, pull) };
        }
        catch (error) {
            return mergeLater(ctx, pull, error, true);
        }
    }
    if (result.kind === 'merged') {
        log.info(`Merged pull request #${pull.number}: ${result.mergeCommit.oid}.`);
        return { operation: 'pr-merged', commit: result.mergeCommit };
    }
    if (result.kind === 'auto-merge-enabled') {
        log.info(`Auto-merge enabled on pull request #${pull.number} (${request.mergeMethod}).`);
        return { operation: 'auto-merge-enabled' };
    }
    return {};
}
/** The user reviewers to request: those that exist, and not the PR's author (GitHub refuses). */
function reviewersFor(ctx, snapshot, pull) {
    const users = ctx.request.prReviewers.filter((r) => !r.includes('/'));
    const missing = users.filter((u) => !snapshot.userIds.has(u));
    if (missing.length > 0)
        ctx.log.warning(`pr-reviewers: no GitHub user ${missing.map((u) => `'${u}'`).join(', ')}; not requested.`);
    const author = pull.author?.replace(/\[bot\]$/, '').toLowerCase();
    return users.filter((u) => {
        if (!snapshot.userIds.has(u))
            return false;
        if (author && u.replace(/\[bot\]$/, '').toLowerCase() === author) {
            ctx.log.warning(`pr-reviewers: '${u}' opened pull request #${pull.number}, and GitHub does not let an author review their own pull request; not requested.`);
            return false;
        }
        return true;
    });
}
/** Merges the pull request at the head this run saw. */
function mergeNow(ctx, pull) {
    return ctx.github.mergePull({
        repo: ctx.request.repo,
        pullNumber: pull.number,
        pullId: pull.id,
        expectedHeadOid: pull.headOid,
        method: ctx.request.mergeMethod,
    });
}
const TRANSIENT_MERGE = /Base branch was modified|mergeability|try the merge again/i;
/** A merge that GitHub refused: retried when GitHub is still computing, else explained. */
async function mergeLater(ctx, pull, error, mayStayOpen) {
    const { log } = ctx;
    let last = error;
    for (let retry = 1; retry <= 3 && TRANSIENT_MERGE.test(messageOf(last)); retry++) {
        await ctx.sleep(1000 * retry);
        try {
            return { operation: 'pr-merged', commit: await mergeNow(ctx, pull) };
        }
        catch (again) {
            last = again;
        }
    }
    const why = messageOf(last).split('\n').filter(Boolean).join(' ');
    if (mayStayOpen) {
        log.warning(`Pull request #${pull.number} is open but could not be merged yet: ${why}. It merges when it can only if auto-merge is allowed in the repository settings.`);
        return {};
    }
    throw new errors/* GitHubError */.y_(`Pull request #${pull.number} (${pull.url}) was opened but could not be merged: ${why}. Use merge: auto to let GitHub merge it once the required checks pass.`);
}
function messageOf(error) {
    const issues = error?.errors;
    if (Array.isArray(issues))
        return issues.map((i) => i.message).join('; ');
    return error instanceof Error ? error.message : String(error);
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


/***/ })

};
