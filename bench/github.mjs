// Benchmark section "github": the bundled action (dist/index.js) run as a runner runs it, against
// the local GitHub API lookalike (test-server/) answering every request after 100 ms.
//
// The test server is TypeScript: it is loaded from the ncc bundle cached by
// script/test-server-bundle.mjs (built on first use, a few seconds). Each run is a separate `node dist/index.js` process with INPUT_* variables (action.yml
// defaults applied, `${{ github.repository }}` -> acme/app, `${{ github.token }}` -> the bench
// token), GITHUB_OUTPUT parsed back; wall time is spawn to exit. Measured:
//   process start   inputs that fail before any API call (token `-`): node + loading the bundle
//   commit          one file, one image, a new tag each run (mode commit)
//   rerun           the same inputs again: nothing to change
//   floor           a reference, not a contender: a node script making one request with node:http
//   glob            a commit naming the file with a glob: the listing, the read, the write
//   PR clean        pull-request mode, merge auto, no required checks: GitHub answers "clean status"
//                   and the action merges at once
//   PR checks       pull-request mode, merge auto, required check `ci`: auto-merge enabled
//   contention      16, 32 and 64 concurrent processes bumping different images in one file;
//                   requests per job, and the most write requests (mutations) and landed
//                   commits in any 60 s, against GitHub's 80 content-creating requests a minute
// The model of a run is `requests x latency + process start`: what it would cost if the action
// spent no time of its own between requests. The stricter model takes a bare `node -e 0` instead
// of the action's own start, run just before each measured run (a shared host's speed drifts
// between rounds), and its ratio is the median of the runs' own ratios, printed with their
// spread. To show where a run's time goes, the server's handling of each request is timed
// in-process (node's http diagnostics channels, request start to response finish) and the wall
// time split into: until the first request, in the server (latency and any work beyond it),
// between requests, and after the last response. Every run's outputs and the server's state are
// checked; slowness is printed (PASS/MISS), never failed.
import { spawn } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ACTION, parseOutputFile, runnerEnv, snapshotAction } from '../script/runner.mjs';
import { loadTestServer } from '../script/test-server-bundle.mjs';
import { mostInAMinute } from './stats.mjs';

export const name = 'github';
export const title =
  'GitHub API: whole action runs against the local API lookalike (100 ms/request)';

const BENCH = dirname(fileURLToPath(import.meta.url));
const _ROOT = resolve(BENCH, '..');

const LATENCY_MS = 100;
const TARGETS = {
  modelRatio: 1.3,
  bareModelRatio: 1.15,
  /** Requests per job on average, by number of concurrent writers (issue 12). */
  requestsPerJob: { 16: 4, 32: 5 },
  /** GitHub's documented secondary limit on content-creating requests for one token. */
  contentPerMinute: 80,
};
// GITOPS_BUMP_BENCH_WRITERS=16,32 (or empty: none) runs fewer contention scenarios while working
// on one figure; the full list is the default and what the targets are quoted from.
const WRITERS = (process.env.GITOPS_BUMP_BENCH_WRITERS ?? '16,32,64')
  .split(',')
  .filter(Boolean)
  .map(Number);
const MAX_ATTEMPTS = '30';
/** A run that takes longer than this is killed and reported as failed. */
const RUN_TIMEOUT_MS = 300_000;

const TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
const GITOPS = 'acme/gitops';
const IMAGE = 'ghcr.io/acme/platform-demo';
const DEPLOY_FILE = 'manifests/platform-demo/00-deployment.yaml';
const MATRIX_FILE = 'clusters/prod/matrix.yaml';

/** The example deployment of __tests__/github/fixtures.ts, with the given tag. */
function deployment(tag) {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: platform-demo # the demo app',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: platform-demo',
    `          image: ${IMAGE}:${tag} # deployed by CI`,
    '        - name: sidecar',
    '          image: ghcr.io/acme/sidecar:1.0.0',
    '',
  ].join('\n');
}

/** `contendedFile` of __tests__/github/fixtures.ts: `count` deployments, ghcr.io/acme/svc-<i>:v1. */
function contendedFile(count) {
  const docs = [];
  for (let i = 0; i < count; i++) {
    docs.push(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        `  name: svc-${i}`,
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        `        - name: svc-${i}`,
        `          image: ghcr.io/acme/svc-${i}:v1 # component ${i}`,
        '',
      ].join('\n'),
    );
  }
  return docs.join('---\n');
}

/**
 * Runs the section. ctx: { quick, tmpdir, log(line), fail(message) }.
 * Timing figures are printed, never asserted; wrong results are reported through ctx.fail.
 */
export async function run(ctx) {
  const { log } = ctx;
  if (!existsSync(ACTION)) {
    log('dist/index.js not built: run npm run build');
    ctx.fail('dist/index.js is missing: run `npm run build` before benchmarking the action');
    return;
  }
  const action = snapshotAction(mkdtempSync(join(ctx.tmpdir, 'action-')));
  const lib = await loadTestServer({ log });
  // GitHub's GraphQL schema is built on the server's first GraphQL request (about a second);
  // build it now so that no measured run pays for it.
  lib.validateGraphqlDocument('query { viewer { login } }');

  const runs = ctx.quick ? 1 : 9;
  const warmups = ctx.quick ? 0 : 1;
  log(
    `server latency ${LATENCY_MS} ms per request; median of ${runs} run(s)` +
      (warmups ? ` after ${warmups} warm-up` : '') +
      ` per scenario${ctx.quick ? ' (--quick)' : ''}`,
  );
  const load = () => loadavg()[0].toFixed(2);
  log(`load average (1 min) at start: ${load()} on ${availableParallelism()} cores`);

  const rows = [];
  const contention = [];
  served.length = 0;
  diagnostics.subscribe('http.server.request.start', onRequestStart);
  diagnostics.subscribe('http.server.response.finish', onResponseFinish);
  try {
    await measure(lib, action, ctx, runs, warmups, rows, contention);
  } finally {
    diagnostics.unsubscribe('http.server.request.start', onRequestStart);
    diagnostics.unsubscribe('http.server.response.finish', onResponseFinish);
  }

  log(`load average (1 min) at the end: ${load()}`);
  printRuns(log, rows, runs);
  printContention(log, contention, ctx.quick);
  printTargets(log, rows, contention, ctx.target);
}

/** When the server (in this process) got each request and finished its response: performance.now(). */
const served = [];
const startedAt = new WeakMap();
const onRequestStart = ({ request }) => startedAt.set(request, performance.now());
const onResponseFinish = ({ request }) => {
  const at = startedAt.get(request);
  if (at !== undefined) served.push({ start: at, end: performance.now(), url: request.url });
};

async function measure(lib, action, ctx, runs, warmups, rows, contention) {
  const h = await startBench(lib, action, LATENCY_MS, ctx.tmpdir);
  try {
    await h.createRepo(GITOPS, { files: { [DEPLOY_FILE]: deployment('1111111') } });
    rows.push(await processStart(h, ctx, runs, warmups));
    // The looser model's process start; the stricter one pairs each run with its own bare node.
    const start = { wall: rows[0].wall };
    rows.push(...(await commitAndRerun(h, ctx, runs, warmups, start)));
    rows.push(await plainRequest(h, ctx, runs, warmups, start));
    rows.push(await globCommit(h, ctx, runs, warmups, start));
    rows.push(await pullRequest(h, ctx, runs, warmups, start, 'clean'));
    rows.push(await pullRequest(h, ctx, runs, warmups, start, 'checks'));
    for (const writers of WRITERS) contention.push(await contend(h, ctx, writers));
  } finally {
    await h.close();
  }
  // The same contention without latency (skipped with --quick): the retry loop when requests
  // cost nothing but the server's work.
  if (ctx.quick) return;
  const h0 = await startBench(lib, action, 0, ctx.tmpdir);
  try {
    for (const writers of WRITERS.filter((w) => w <= 32))
      contention.push(await contend(h0, ctx, writers));
  } finally {
    await h0.close();
  }
}

/** A started server with the bench token, which is granted every repository created. */
async function startBench(lib, action, latencyMs, tmp) {
  const server = await lib.startTestServer({ latencyMs });
  const granted = {};
  return {
    server,
    latencyMs,
    async createRepo(fullName, opts) {
      await server.createRepo(fullName, opts);
      granted[fullName] = { contents: 'write', pullRequests: 'write' };
      server.addToken(TOKEN, { login: 'gitops-bump[bot]', kind: 'app', repos: granted });
    },
    /** Runs dist/index.js once; `tag` labels its GraphQL requests (see `contend`). */
    runAction: (inputs, tag) => runAction(server, action, tmp, inputs, tag),
    /**
     * A bare `node -e 0`, then the action once: a measured run and the floor it is compared
     * with, taken side by side (the machine's speed drifts between rounds, on a shared host by
     * 10-20% within a minute, and a floor taken apart from the run would move its ratio).
     */
    async pairedRun(inputs) {
      const bare = await bareNode();
      this.reset();
      return { ...(await runAction(server, action, tmp, inputs)), bare };
    },
    /** Forgets the requests seen so far (the list and their server times). */
    reset() {
      server.resetRequests();
      served.length = 0;
    },
    close: () => server.close(),
  };
}

/**
 * Runs the action as a runner does: INPUT_* for every input of action.yml (given, or the default
 * with the runner's expressions evaluated), a clean environment, GITHUB_OUTPUT read back.
 */
function runAction(server, action, tmp, inputs, tag) {
  const dir = mkdtempSync(join(tmp, 'run-'));
  const { env, outputFile } = runnerEnv({
    declared: action.inputs,
    inputs,
    dir,
    expressions: { 'github.repository': 'acme/app', 'github.token': TOKEN },
    env: {
      GITHUB_API_URL: server.url,
      // A query string is ignored by the server's routing but kept in `requests[i].url`: it tells
      // which process sent a request when several run at once. GitHub never sends one.
      GITHUB_GRAPHQL_URL: `${server.url}/graphql${tag === undefined ? '' : `?job=${tag}`}`,
      GITHUB_SERVER_URL: server.url,
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_RUN_ID: '42',
    },
  });
  return new Promise((done) => {
    const started = performance.now();
    // GITOPS_BUMP_BENCH_NODE_ARGS: node options for the action's processes (e.g. --cpu-prof).
    const nodeArgs = (process.env.GITOPS_BUMP_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, action.main], { cwd: dir, env });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stdout += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      done({
        started,
        ms: performance.now() - started,
        code: null,
        stdout: '',
        outputs: {},
        error: err.message,
      });
    });
    child.on('close', (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      done({
        started,
        ms,
        code,
        stdout,
        outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
        error: signal
          ? `killed by ${signal}${ms >= RUN_TIMEOUT_MS ? ' (timed out)' : ''}`
          : undefined,
      });
    });
  });
}

/** Why a run is wrong: a failed process or outputs that differ from `expected`. */
function wrongRun(result, expected, code = 0) {
  if (result.error) return result.error;
  if (result.code !== code)
    return `exited with code ${result.code}, expected ${code}${tail(result.stdout)}`;
  for (const [key, value] of Object.entries(expected ?? {})) {
    if (result.outputs[key] !== value) {
      return `output ${key} is ${JSON.stringify(result.outputs[key])}, expected ${JSON.stringify(value)}${tail(result.stdout)}`;
    }
  }
  return undefined;
}

/** One measured scenario: a `timing` per measured run. */
function scenario(key, label) {
  return { key, label, samples: [], failed: false };
}

/** Reports a wrong result once per scenario and marks it failed. */
function wrong(ctx, row, problem) {
  ctx.log(`${row.label}: ${problem}`);
  ctx.fail(`${row.label}: ${problem}`);
  row.failed = true;
}

/**
 * Where the wall time of run `r` went, from the requests the server got since `reset` (one run's
 * requests, one after another): until the first request arrived, in the server, between
 * requests (the action's own work and the wire), and from the last response to exit.
 */
function timing(h, r) {
  const t = { ms: r.ms, requests: h.server.requests.length, served: 0, bare: r.bare };
  if (served.length === 0) return { ...t, first: r.ms, between: 0, after: 0 };
  const first = Math.min(...served.map((x) => x.start)) - r.started;
  const after = r.started + r.ms - Math.max(...served.map((x) => x.end));
  t.served = served.reduce((sum, x) => sum + x.end - x.start, 0);
  return { ...t, first, after, between: r.ms - first - after - t.served };
}

/** The median of each figure over the measured runs. */
function finish(row) {
  const of = (key) => median(row.samples.map((s) => s[key]));
  if (row.samples.length > 0) {
    row.wall = of('ms');
    row.first = of('first');
    row.between = of('between');
    row.after = of('after');
  }
  return row;
}

/**
 * A bare `node -e 0`, spawn to exit: the floor of every process. In an environment like the
 * action's (PATH and HOME; not NODE_EXTRA_CA_CERTS and the like, which slow every start), and
 * spawned as the action's runs are (and as bench/startup.mjs spawns every contender): stdout and
 * stderr piped and read. With them ignored instead, the floor is about 1.2 ms lower (the pipes'
 * set-up and close), which the action's process pays and bare node did not.
 */
function bareNode() {
  return runNode(['-e', '0']).then((r) => r.ms);
}

/**
 * `node ARGS` in the bare node's environment (PATH and HOME, plus `env`), its output piped and
 * read: { started, ms, code }, spawn to exit.
 */
function runNode(args, env = {}) {
  return new Promise((done, failed) => {
    const started = performance.now();
    const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const child = spawn(process.execPath, args, { env: { ...base, ...env } });
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', failed);
    child.on('close', (code) => done({ started, ms: performance.now() - started, code }));
  });
}

/** 1. Process start: the token `-` is refused before any request; and a bare node beside it. */
async function processStart(h, ctx, runs, warmups) {
  const row = scenario('start', 'process start (fails early)');
  const bare = [];
  for (let round = 0; round < warmups + runs && !row.failed; round++) {
    const bareMs = await bareNode();
    if (round >= warmups) bare.push(bareMs);
    h.reset();
    const r = await h.runAction({
      image: `${IMAGE}:2222222`,
      files: DEPLOY_FILE,
      repository: GITOPS,
      token: '-',
    });
    const problem =
      wrongRun(r, undefined, 1) ??
      (h.server.requests.length !== 0
        ? `made ${h.server.requests.length} request(s), expected none`
        : undefined) ??
      (/::error::.*token/.test(r.stdout)
        ? undefined
        : `no token error in the log${tail(r.stdout)}`);
    if (problem) wrong(ctx, row, problem);
    else if (round >= warmups) row.samples.push(timing(h, r));
  }
  row.bare = median(bare);
  return finish(row);
}

/** 2 and 3. A commit with a new tag, then the same inputs again (nothing to change). */
async function commitAndRerun(h, ctx, runs, warmups, start) {
  const commit = scenario('commit', 'commit, 1 file, new tag');
  const rerun = scenario('rerun', 'rerun, nothing to change');
  let previous = '1111111';
  for (let round = 0; round < warmups + runs && !commit.failed && !rerun.failed; round++) {
    const tag = `1.0.${round}`;
    const inputs = { image: `${IMAGE}:${tag}`, files: DEPLOY_FILE, repository: GITOPS };

    const r = await h.pairedRun(inputs);
    const head = await h.server.headOf(GITOPS, 'main');
    const problem =
      wrongRun(r, {
        operation: 'committed',
        changed: 'true',
        tag,
        'previous-tag': previous,
        'commit-sha': head,
      }) ??
      ((await h.server.readFile(GITOPS, 'main', DEPLOY_FILE)) === deployment(tag)
        ? undefined
        : `${DEPLOY_FILE} on main is not the deployment with tag ${tag}`);
    if (problem) {
      wrong(ctx, commit, problem);
      break;
    }
    if (round >= warmups) commit.samples.push(timing(h, r));
    previous = tag;

    const again = await h.pairedRun(inputs);
    const againProblem =
      wrongRun(again, {
        operation: 'none',
        changed: 'false',
        'commit-sha': '',
        'previous-tag': tag,
      }) ?? ((await h.server.headOf(GITOPS, 'main')) === head ? undefined : 'the rerun moved main');
    if (againProblem) wrong(ctx, rerun, againProblem);
    else if (round >= warmups) rerun.samples.push(timing(h, again));
  }
  return [
    withModel(finish(commit), start, h.latencyMs),
    withModel(finish(rerun), start, h.latencyMs),
  ];
}

/**
 * The floor of a one-request run, for reading the rerun's figure: a node script that only sends
 * one GraphQL query with node:http (loaded as the action loads it, after start) and reads the
 * answer, nothing else. Its ratio is what the bare model leaves to node's HTTP client alone.
 */
const PLAIN_REQUEST = `
const { request } = require('node:http');
const body = JSON.stringify({ query: 'query { viewer { login } }' });
const req = request(process.env.URL, {
  method: 'POST',
  headers: { authorization: 'token ' + process.env.TOKEN, 'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)), 'user-agent': 'bench' },
});
req.on('response', (res) => {
  const chunks = [];
  res.on('data', (c) => chunks.push(c));
  res.on('end', () => { if (res.statusCode !== 200) process.exitCode = 1; JSON.parse(Buffer.concat(chunks)); });
});
req.on('error', () => { process.exitCode = 2; });
req.end(body);
`;

async function plainRequest(h, ctx, runs, warmups, start) {
  const row = scenario('plain', 'floor: node:http, 1 request, no work');
  row.reference = true;
  for (let round = 0; round < warmups + runs && !row.failed; round++) {
    const bare = await bareNode();
    h.reset();
    const r = await runNode(['-e', PLAIN_REQUEST], { URL: `${h.server.url}/graphql`, TOKEN });
    if (r.code !== 0) wrong(ctx, row, `the plain request script exited with code ${r.code}`);
    else if (round >= warmups) row.samples.push(timing(h, { ...r, bare }));
  }
  return withModel(finish(row), start, h.latencyMs);
}

/** 3b. A commit that names the file with a glob: the tree's listing, the read, the write. */
async function globCommit(h, ctx, runs, warmups, start) {
  const row = scenario('glob', 'commit, glob, new tag');
  let previous = await h.server.readFile(GITOPS, 'main', DEPLOY_FILE);
  for (let round = 0; round < warmups + runs && !row.failed; round++) {
    const tag = `2.0.${round}`;
    const r = await h.pairedRun({
      image: `${IMAGE}:${tag}`,
      files: 'manifests/**/*.yaml',
      repository: GITOPS,
    });
    const head = await h.server.headOf(GITOPS, 'main');
    const now = await h.server.readFile(GITOPS, 'main', DEPLOY_FILE);
    const problem =
      wrongRun(r, { operation: 'committed', changed: 'true', tag, 'commit-sha': head }) ??
      (now === deployment(tag) && now !== previous
        ? undefined
        : `${DEPLOY_FILE} on main is not the deployment with tag ${tag}`);
    if (problem) {
      wrong(ctx, row, problem);
      break;
    }
    previous = now;
    if (round >= warmups) row.samples.push(timing(h, r));
  }
  return withModel(finish(row), start, h.latencyMs);
}

/** 4. Pull-request mode with merge auto, on a fresh repository per run so each opens a new PR. */
async function pullRequest(h, ctx, runs, warmups, start, kind) {
  const row =
    kind === 'clean'
      ? scenario('pr-clean', 'PR, no checks: merged')
      : scenario('pr-checks', 'PR, required check: auto-merge');
  for (let round = 0; round < warmups + runs && !row.failed; round++) {
    const repo = `acme/gitops-pr-${kind}-${round}`;
    await h.createRepo(repo, {
      files: { [DEPLOY_FILE]: deployment('1111111') },
      allowAutoMerge: true,
      ...(kind === 'checks' && { requiredChecks: ['ci'] }),
    });
    const r = await h.pairedRun({
      image: `${IMAGE}:2222222`,
      files: DEPLOY_FILE,
      repository: repo,
      mode: 'pull-request',
    });
    const measured = timing(h, r);
    const pulls = h.server.pulls(repo);
    const pull = pulls[0];
    let problem = wrongRun(r, {
      operation: kind === 'clean' ? 'pr-merged' : 'auto-merge-enabled',
      changed: 'true',
      'pr-number': '1',
    });
    if (!problem && pulls.length !== 1) problem = `${pulls.length} pull requests, expected 1`;
    if (!problem && kind === 'clean') {
      if (!pull.merged) problem = 'the pull request is not merged';
      else if ((await h.server.readFile(repo, 'main', DEPLOY_FILE)) !== deployment('2222222'))
        problem = `${DEPLOY_FILE} on main does not carry the new tag after the merge`;
      else if (r.outputs['commit-sha'] !== (await h.server.headOf(repo, 'main')))
        problem = 'output commit-sha is not the merge commit on main';
    }
    if (!problem && kind === 'checks') {
      if (pull.merged || pull.state !== 'open')
        problem = 'the pull request should stay open until ci passes';
      else if (!pull.autoMerge) problem = 'auto-merge is not enabled on the pull request';
      else if ((await h.server.readFile(repo, pull.headRef, DEPLOY_FILE)) !== deployment('2222222'))
        problem = `${DEPLOY_FILE} on ${pull.headRef} does not carry the new tag`;
      else if ((await h.server.readFile(repo, 'main', DEPLOY_FILE)) !== deployment('1111111'))
        problem = 'main changed before the required check passed';
    }
    if (problem) wrong(ctx, row, problem);
    else if (round >= warmups) row.samples.push(measured);
  }
  return withModel(finish(row), start, h.latencyMs);
}

function withModel(row, start, latencyMs) {
  if (row.wall !== undefined && start.wall !== undefined) {
    const requests = median(row.samples.map((s) => s.requests));
    row.model = requests * latencyMs + start.wall;
    row.ratio = row.wall / row.model;
    // The stricter model: requests x latency + a bare node's start (the action's own start
    // counts), the bare node taken just before each run: the ratio is the median of the runs'
    // own ratios, and its spread (lowest to highest) is printed beside it.
    const bareModels = row.samples.map((s) => s.requests * latencyMs + s.bare);
    const ratios = row.samples.map((s, i) => s.ms / bareModels[i]);
    row.bare = median(row.samples.map((s) => s.bare));
    row.bareModel = median(bareModels);
    row.bareRatio = median(ratios);
    row.bareRatioRange = [Math.min(...ratios), Math.max(...ratios)];
    row.serverOver = median(row.samples.map((s) => s.served - s.requests * latencyMs));
  }
  return row;
}

/**
 * 5. `writers` processes at once, each bumping its own image in one shared file (a matrix job).
 * Each process tags its GraphQL requests with ?job=<i> so they can be counted per process.
 */
async function contend(h, ctx, writers) {
  const label = `contention: ${writers} writers at ${h.latencyMs} ms`;
  const repo = `acme/matrix-${writers}`;
  await h.createRepo(repo, { files: { [MATRIX_FILE]: contendedFile(writers) } });
  const before = await h.server.log(repo, 'main');
  h.reset();
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: writers }, (_, i) =>
      h.runAction(
        {
          image: `ghcr.io/acme/svc-${i}:v2`,
          files: MATRIX_FILE,
          repository: repo,
          'max-attempts': MAX_ATTEMPTS,
        },
        i,
      ),
    ),
  );
  const wallMs = performance.now() - started;
  const row = { writers, latencyMs: h.latencyMs, wallMs, failed: false };

  const problems = await landedProblems(h, repo, writers, results, before);
  const after = await h.server.log(repo, 'main');
  if (problems.length > 0) {
    row.failed = true;
    for (const p of problems.slice(0, 5)) ctx.log(`${label}: ${p}`);
    ctx.fail(`${label}: ${problems.length} problem(s), first: ${problems[0]}`);
  }
  Object.assign(row, contentionFigures(h, writers, results), {
    commits: after.length - before.length,
    ...minuteFigures(h, before, after),
  });
  dumpTimeline(h, writers, started, results);
  return row;
}

/**
 * With GITOPS_BUMP_BENCH_TIMELINE=<dir>, writes each contention run's requests (job, operation,
 * status, ms since the first spawn) and each job's spawn and exit to
 * <dir>/contention-<writers>-<latency>.json: the start spread that bench/contention-model.mjs
 * replays.
 */
function dumpTimeline(h, writers, started, results) {
  const dir = process.env.GITOPS_BUMP_BENCH_TIMELINE;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const epoch = Date.now() - performance.now();
  const zero = epoch + started;
  const requests = h.server.requests.map((r) => ({
    job: Number(/[?&]job=(\d+)/.exec(r.url)?.[1] ?? -1),
    op: r.operationName ?? r.path,
    status: r.status,
    at: r.at - zero,
  }));
  const jobs = results.map((r) => ({
    spawn: r.started - started,
    exit: r.started - started + r.ms,
  }));
  writeFileSync(
    join(dir, `contention-${writers}-${h.latencyMs}.json`),
    `${JSON.stringify({ writers, latencyMs: h.latencyMs, jobs, requests })}\n`,
  );
}

/** What is wrong after a contention run: a failed job, a change missing, commits not one each. */
async function landedProblems(h, repo, writers, results, before) {
  const problems = [];
  results.forEach((r, i) => {
    const problem = wrongRun(r, {
      operation: 'committed',
      changed: 'true',
      image: `ghcr.io/acme/svc-${i}`,
    });
    if (problem) problems.push(`job ${i}: ${problem}`);
  });
  const text = await h.server.readFile(repo, 'main', MATRIX_FILE);
  if (text !== contendedFile(writers).replaceAll(':v1', ':v2')) {
    const left = (text ?? '').match(/svc-\d+:v1/g) ?? [];
    problems.push(
      `${MATRIX_FILE} is not every image at :v2 (still at v1: ${left.join(', ') || 'none'})`,
    );
  }
  const after = await h.server.log(repo, 'main');
  if (after.length - before.length !== writers) {
    problems.push(`main has ${after.length - before.length} new commits, expected ${writers}`);
  }
  const shas = new Set(results.map((r) => r.outputs['commit-sha']));
  const newest = new Set(after.slice(0, writers).map((c) => c.sha));
  if (shas.size !== writers || [...shas].some((sha) => !newest.has(sha))) {
    problems.push('the commit-sha outputs are not the new commits on main, one each');
  }
  return problems;
}

/** Requests and attempts per job, and where each job's time went. */
function contentionFigures(h, writers, results) {
  const perJob = new Array(writers).fill(0);
  let untagged = 0;
  for (const r of h.server.requests) {
    const m = /[?&]job=(\d+)/.exec(r.url);
    if (m) perJob[Number(m[1])]++;
    else untagged++;
  }
  // Per job, from its tagged requests: how long until its first request reached the server (start-up
  // with `writers` processes sharing the cores), and how long it had no request in the server
  // between its first and last (the action's own work, mostly the backoff before a retry).
  const firsts = [];
  const idles = [];
  results.forEach((r, i) => {
    const mine = served
      .filter((x) => new RegExp(`[?&]job=${i}(?:&|$)`).test(x.url))
      .sort((a, b) => a.start - b.start);
    if (mine.length === 0) return;
    firsts.push(mine[0].start - r.started);
    let idle = 0;
    for (let k = 1; k < mine.length; k++) idle += Math.max(0, mine[k].start - mine[k - 1].end);
    idles.push(idle);
  });
  const attempts = results.map(
    (r) => (r.stdout.match(/^::group::Read and edit the files/gm) ?? []).length,
  );
  // Jobs whose first retry took its place from the token's count (src/run/retry.ts, ticketOf).
  const ticketed = results.filter((r) => /from the token's request count \d+\)/.test(r.stdout));
  return {
    requests: h.server.requests.length,
    untagged,
    jobWallMs: median(results.map((r) => r.ms)),
    firstMs: median(firsts),
    idleMs: median(idles),
    perJobAvg: h.server.requests.length / writers,
    perJobMax: Math.max(...perJob),
    attemptsAvg: attempts.reduce((a, b) => a + b, 0) / writers,
    attemptsMax: Math.max(...attempts),
    ticketed: ticketed.length,
  };
}

/** The most write requests and landed commits in any minute, and the requests rate-limited. */
function minuteFigures(h, before, after) {
  const writes = h.server.requests
    .filter((r) => r.operationName === 'GitopsBumpCommit')
    .map((r) => r.at);
  const landed = after
    .slice(0, after.length - before.length)
    .map((c) => Date.parse(c.committer.date));
  return {
    writesPerMinute: mostInAMinute(writes),
    landedPerMinute: mostInAMinute(landed),
    limited: h.server.requests.filter((r) => r.status === 403 || r.status === 429).length,
  };
}

function printRuns(log, rows, runs) {
  const header = [
    'scenario',
    'requests',
    'wall ms',
    'model ms',
    'wall/model',
    'bare model ms',
    'wall/bare model',
    'to 1st request',
    'server extra',
    'between',
    'after last',
  ];
  const body = rows.map((r) => {
    if (r.wall === undefined)
      return [r.label, '-', 'failed', '-', '-', '-', '-', '-', '-', '-', '-'];
    const counts = r.samples.map((s) => s.requests);
    const lo = Math.min(...counts);
    const hi = Math.max(...counts);
    const num = (v) => (v === undefined ? '-' : v.toFixed(0));
    const timed = lo > 0;
    return [
      r.label,
      lo === hi ? String(lo) : `${lo}-${hi}`,
      r.wall.toFixed(0),
      num(r.model),
      r.ratio === undefined ? '-' : `${r.ratio.toFixed(2)}x`,
      num(r.bareModel),
      r.bareRatio === undefined
        ? '-'
        : `${r.bareRatio.toFixed(2)}x (${r.bareRatioRange.map((x) => x.toFixed(2)).join('-')})`,
      timed ? num(r.first) : '-',
      timed ? num(r.serverOver) : '-',
      timed ? num(r.between) : '-',
      timed ? num(r.after) : '-',
    ];
  });
  log('');
  log(
    `wall: median of ${runs} run(s), spawn to exit; model: requests x ${LATENCY_MS} ms + process start.`,
  );
  log(
    `bare model: requests x ${LATENCY_MS} ms + a bare \`node -e 0\` run just before each run (median ${bareRange(rows)} ms over the rows);`,
  );
  log("wall/bare model: the median of the runs' own ratios, lowest-highest in brackets.");
  log(
    'wall = to 1st request + requests x latency + server extra (its work beyond the latency) + between',
  );
  log(
    '(requests) + after last (response, to exit); all in ms, medians over the runs; server time is',
  );
  log('taken in-process from request start to response finish');
  table(log, header, body);
}

/** The lowest and highest of the rows' median bare node, e.g. "24-26". */
function bareRange(rows) {
  const bares = rows.map((r) => r.bare).filter((b) => b !== undefined);
  if (bares.length === 0) return '-';
  const [lo, hi] = [Math.min(...bares), Math.max(...bares)].map((b) => b.toFixed(0));
  return lo === hi ? lo : `${lo}-${hi}`;
}

function printContention(log, rows, quick) {
  const header = [
    'latency',
    'writers',
    'wall s',
    'job wall s',
    'to 1st request s',
    'between requests s',
    'requests',
    'req/job avg',
    'req/job max',
    'attempts avg',
    'attempts max',
    'ticketed',
    'new commits',
    'writes/min max',
    'landed/min max',
    'result',
  ];
  const body = rows.map((r) => [
    `${r.latencyMs} ms`,
    String(r.writers),
    (r.wallMs / 1000).toFixed(1),
    (r.jobWallMs / 1000).toFixed(1),
    r.firstMs === undefined ? '-' : (r.firstMs / 1000).toFixed(1),
    r.idleMs === undefined ? '-' : (r.idleMs / 1000).toFixed(1),
    String(r.requests) + (r.untagged ? ` (${r.untagged} untagged)` : ''),
    r.perJobAvg.toFixed(2),
    String(r.perJobMax),
    r.attemptsAvg.toFixed(2),
    String(r.attemptsMax),
    String(r.ticketed),
    String(r.commits),
    String(r.writesPerMinute),
    String(r.landedPerMinute),
    r.failed ? 'WRONG' : r.limited ? `${r.limited} rate-limited` : 'all landed',
  ]);
  log('');
  log(
    `contention: N processes at once, each bumping ghcr.io/acme/svc-<i> to v2 in one file (max-attempts ${MAX_ATTEMPTS});`,
  );
  log(
    "wall: first spawn to last exit; job wall, to 1st request, between requests (a job's time with no",
  );
  log(
    'request in the server: its own work, mostly backoff): median over the jobs; attempts: "Read and edit the files" groups in each log;',
  );
  log(
    "ticketed: jobs whose first retry waited its place by the token's request count (src/run/retry.ts)",
  );
  table(log, header, body);
  if (quick) log('(--quick: 0 ms latency skipped)');
}

function printTargets(log, rows, contention, record) {
  log('');
  log('targets:');
  const target = (label, text) => log(`  ${label.padEnd(62)} ${text}`);
  for (const r of rows) {
    if (r.bareModel === undefined || r.reference) continue;
    const ok = r.bareRatio <= TARGETS.bareModelRatio;
    const goal = `≤ ${TARGETS.bareModelRatio}x`;
    const label = `${r.key}: wall / (requests x ${LATENCY_MS} ms + bare node)`;
    target(label, `${r.bareRatio.toFixed(2)}x  ${ok ? 'PASS' : 'FAIL'}`);
    record?.(
      `${label}, ${r.wall.toFixed(0)} / ${r.bareModel.toFixed(0)} ms, ${r.samples.length} paired runs ${r.bareRatioRange.map((x) => x.toFixed(2)).join('-')}x`,
      `${r.bareRatio.toFixed(2)}x`,
      goal,
      ok,
    );
  }
  for (const r of rows) {
    if (r.model === undefined || r.reference) continue;
    target(
      `${r.key}: wall/model at most ${TARGETS.modelRatio}`,
      r.ratio === undefined
        ? 'n/a (failed)'
        : `${r.ratio.toFixed(2)}x  ${r.ratio <= TARGETS.modelRatio ? 'PASS' : 'MISS'}`,
    );
  }
  const expected = { commit: 2, rerun: 1, glob: 3, 'pr-clean': 4, 'pr-checks': 3 };
  for (const r of rows) {
    if (!(r.key in expected) || r.samples.length === 0) continue;
    const worst = Math.max(...r.samples.map((s) => s.requests));
    target(
      `${r.key}: ${expected[r.key]} request(s)`,
      `${worst}  ${worst <= expected[r.key] ? 'PASS' : 'MISS'}`,
    );
  }
  for (const c of contention) {
    const limit = TARGETS.requestsPerJob[c.writers];
    if (limit !== undefined) {
      const label = `${c.writers} writers at ${c.latencyMs} ms: at most ${limit} requests per job on average`;
      target(label, `${c.perJobAvg.toFixed(2)}  ${c.perJobAvg <= limit ? 'PASS' : 'FAIL'}`);
      record?.(label, c.perJobAvg.toFixed(2), `≤ ${limit}`, c.perJobAvg <= limit);
    }
    target(
      `${c.writers} writers at ${c.latencyMs} ms: all land, none rate-limited`,
      `${c.commits}/${c.writers} landed, ${c.limited} limited  ${!c.failed && c.limited === 0 ? 'PASS' : 'FAIL'}`,
    );
    if (c.writers === 64) {
      // A refused createCommitOnBranch is a content-creating request too, as far as is known.
      const max = TARGETS.contentPerMinute;
      const ok = c.writesPerMinute <= max && !c.failed && c.limited === 0;
      const label = `${c.writers} writers at ${c.latencyMs} ms: every write request (landed or refused) at most ${max} in any minute`;
      target(label, `${c.writesPerMinute}  ${ok ? 'PASS' : 'FAIL'}`);
      record?.(label, String(c.writesPerMinute), `≤ ${max}`, ok);
      target(
        `${c.writers} writers: landed commits in any minute, for comparison`,
        String(c.landedPerMinute),
      );
    }
  }
}

function table(log, header, body) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  log(line(header));
  log(line(widths.map((w) => '-'.repeat(w))));
  for (const b of body) log(line(b));
}

function median(values) {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function tail(output) {
  const text = (output ?? '').trim();
  if (!text) return '';
  const lines = text.split('\n').slice(-5);
  return `:\n    ${lines.join('\n    ')}`;
}
