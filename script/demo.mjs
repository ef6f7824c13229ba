// `npm run demo`: the bundled action (dist/index.js) bumps an image tag in an example GitOps
// repository served by the project's own GitHub API lookalike (test-server/) on localhost. No
// network, no token to set up.
//
// The example is the platform-demo set-up of the reference users: acme/gitops holds
// manifests/platform-demo/00-deployment.yaml (a Deployment whose container `platform-demo` runs
// ghcr.io/acme/platform-demo:<git sha>, beside a sidecar) and a Service. The action runs as a
// runner runs it: a separate `node dist/index.js` with INPUT_* variables (action.yml's defaults
// applied, `${{ github.repository }}` and `${{ github.token }}` evaluated), GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, GITHUB_API_URL and GITHUB_GRAPHQL_URL pointing at the server. The
// demo prints the action's log, its outputs, the job summary, the commit's diff and whether
// GitHub would show it as "Verified"; then it runs the action again with the same inputs (nothing
// to change, one request) and prints the server's request log of both runs. Every result is
// checked; the exit code is 0 only when all of them are right.
//
//   node script/demo.mjs                      commit mode (the default)
//   node script/demo.mjs --mode pull-request  a pull request with auto-merge (merged at once: the
//                                             demo repository has no required checks)
//   node script/demo.mjs --keep               keep the server running afterwards (Ctrl-C stops it)
//   node script/demo.mjs --serve              only start the server with the demo repository and
//                                             print KEY=VALUE lines (also appended to $GITHUB_ENV)
//   --port N                                  with --serve or --keep: also listen on 127.0.0.1:N
//                                             (script/demo.local-action.env expects 4010)
//
// The test server is TypeScript; script/test-server-bundle.mjs bundles it once with ncc into
// build/test-server/ (a few seconds) and later runs reuse the bundle.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOutputFile, runnerEnv, snapshotAction as snapshotRunnerAction } from './runner.mjs';
import { loadTestServer } from './test-server-bundle.mjs';

const _ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The demo's token: registered with the server, valid nowhere else. */
const TOKEN = 'ghs_gitopsBumpDemo0000LocalServerOnly01';
const GITOPS = 'acme/gitops';
/** The repository the (imaginary) workflow runs in: the application's. */
const APP_REPO = 'acme/platform-demo';
const RUN_ID = '4242';
const IMAGE = 'ghcr.io/acme/platform-demo';
const OLD_SHA = '3f9c2b1a7d4e8f60c5b29e1d0a4f7c3b8e6d2a91';
const NEW_SHA = '8d1e4c7b2a9f0e3d6c5b4a3928170f6e5d4c3b2a';
const DEPLOY_FILE = 'manifests/platform-demo/00-deployment.yaml';
const SERVICE_FILE = 'manifests/platform-demo/01-service.yaml';
const CONTAINER = 'platform-demo';
/** A run that takes longer than this is killed and reported as failed. */
const RUN_TIMEOUT_MS = 60_000;

/** The Deployment with the platform-demo container at `sha`. */
function deployment(sha) {
  return `# platform-demo: synced to the cluster by Argo CD.
# CI bumps the image of the platform-demo container to the git sha it was built from.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: platform-demo
  labels:
    app: platform-demo
spec:
  replicas: 2
  selector:
    matchLabels:
      app: platform-demo
  template:
    metadata:
      labels:
        app: platform-demo
    spec:
      containers:
        - name: platform-demo
          image: ghcr.io/acme/platform-demo:${sha} # set by CI
          ports:
            - containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: "info"
        # the log shipper keeps its own release cycle
        - name: log-shipper
          image: ghcr.io/acme/log-shipper:2.3.1
          args: ["--target", "loki.monitoring:3100"]
`;
}

const SERVICE = `# platform-demo: the cluster-internal Service in front of the pods.
apiVersion: v1
kind: Service
metadata:
  name: platform-demo
spec:
  selector:
    app: platform-demo
  ports:
    - port: 80
      targetPort: 8080 # the container's port
`;

const REPO_FILES = {
  [DEPLOY_FILE]: deployment(OLD_SHA),
  [SERVICE_FILE]: SERVICE,
  'README.md': '# gitops\n\nDeploy state of the acme clusters, synced by Argo CD.\n',
};

const USAGE = `usage: node script/demo.mjs [--mode commit|pull-request] [--keep] [--serve] [--port N]

  (no options)          bump ${IMAGE} to ${NEW_SHA.slice(0, 7)}… with a direct commit, then rerun
  --mode pull-request   bump through a pull request with auto-merge (merges at once: no checks)
  --keep                keep the server running afterwards and print its URLs and token
  --serve               only start the server with the demo repository; print KEY=VALUE lines
                        (and append the DEMO_* ones to $GITHUB_ENV when it is set)
  --port N              with --keep or --serve: also listen on 127.0.0.1:N`;

/** Parses the command line; exits 2 on a mistake. */
function parseArgs(argv) {
  const opts = { mode: 'commit', keep: false, serve: false, port: undefined };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') ? argv[i].split(/=(.*)/s, 2) : [argv[i]];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) usageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--mode') {
      opts.mode = value();
      if (opts.mode !== 'commit' && opts.mode !== 'pull-request')
        usageError(`--mode must be commit or pull-request, not '${opts.mode}'`);
    } else if (flag === '--keep') opts.keep = true;
    else if (flag === '--serve') opts.serve = true;
    else if (flag === '--port') {
      opts.port = Number(value());
      if (!Number.isInteger(opts.port) || opts.port < 1 || opts.port > 65535)
        usageError('--port must be a port number (1-65535)');
    } else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else usageError(`unknown argument '${argv[i]}'`);
  }
  if (opts.port !== undefined && !opts.keep && !opts.serve)
    usageError('--port is for --keep or --serve');
  return opts;
}

function usageError(message) {
  console.error(`demo: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** Fails the demo with a clear message. */
class DemoError extends Error {}

// --- output ------------------------------------------------------------------------------------

const out = (line = '') => process.stdout.write(`${line}\n`);
const heading = (title) => out(`\n=== ${title} ${'='.repeat(Math.max(3, 92 - title.length))}`);
const indent = (text, prefix = '  ') =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => (l ? `${prefix}${l}` : prefix.trimEnd()))
    .join('\n');

/** The action's stdout as the runner's log shows it: groups, warnings and errors; no debug. */
function renderLog(stdout) {
  const lines = [];
  for (const line of stdout.replace(/\n$/, '').split('\n')) {
    const cmd = /^::([\w-]+)(?: [^:]*)?::(.*)$/.exec(line);
    if (!cmd) lines.push(`    ${line}`);
    else if (cmd[1] === 'group') lines.push(`  ▸ ${cmd[2]}`);
    else if (cmd[1] === 'warning') lines.push(`    Warning: ${cmd[2]}`);
    else if (cmd[1] === 'error') lines.push(`    Error: ${cmd[2]}`);
    else if (cmd[1] === 'notice') lines.push(`    Notice: ${cmd[2]}`);
    // endgroup, debug, add-mask, save-state…: not shown by the runner.
  }
  return lines.join('\n');
}

// --- the server --------------------------------------------------------------------------------

/** Starts the test server with acme/gitops and the demo token. */
async function startDemoServer() {
  const lib = await loadTestServer({ log: (m) => console.error(m) });
  const server = await lib.startTestServer({ latencyMs: 0 });
  await server.createRepo(GITOPS, { files: REPO_FILES, allowAutoMerge: true });
  server.addToken(TOKEN, {
    login: 'gitops-bump-demo[bot]',
    kind: 'app',
    repos: { [GITOPS]: { contents: 'write', pullRequests: 'write' } },
  });
  return server;
}

/**
 * Also listens on 127.0.0.1:`port` and forwards every connection to the server (which always
 * listens on a free port). Links in the server's answers keep the server's own port.
 */
function forward(port, target) {
  const { port: targetPort } = new URL(target);
  const tcp = createTcpServer((socket) => {
    const upstream = connect(Number(targetPort), '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    const drop = () => {
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', drop);
    upstream.on('error', drop);
  });
  return new Promise((done, fail) => {
    tcp.once('error', (e) =>
      fail(new DemoError(`cannot listen on 127.0.0.1:${port}: ${e.code ?? e.message}`)),
    );
    tcp.listen(port, '127.0.0.1', () => done({ url: `http://127.0.0.1:${port}`, tcp }));
  });
}

/** Waits for Ctrl-C (or SIGTERM), then runs `stop`. */
function untilInterrupted(stop) {
  return new Promise((done) => {
    const onSignal = async () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      console.error('\nstopping the server');
      await stop();
      done();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

// --- running the action ------------------------------------------------------------------------

/** dist/index.js copied aside (see script/runner.mjs); a missing build is the user's to fix. */
function snapshotAction() {
  try {
    return snapshotRunnerAction();
  } catch (error) {
    throw new DemoError(error.message);
  }
}

/** The demo's inputs for `mode`. */
function demoInputs(mode) {
  return {
    image: `${IMAGE}:${NEW_SHA}`,
    repository: GITOPS,
    files: DEPLOY_FILE,
    container: CONTAINER,
    ...(mode === 'pull-request' && { mode: 'pull-request' }),
  };
}

/**
 * Runs dist/index.js once as a runner does: INPUT_* for every input of action.yml (given, or the
 * default with the runner's expressions evaluated), a clean environment, files for GITHUB_OUTPUT
 * and GITHUB_STEP_SUMMARY read back afterwards.
 */
function runAction(action, serverUrl, inputs, declared) {
  const dir = mkdtempSync(join(tmpdir(), 'gitops-bump-demo-'));
  const { env, outputFile, summaryFile } = runnerEnv({
    declared,
    inputs,
    dir,
    // The expressions the runner evaluates in action.yml's defaults.
    expressions: { 'github.repository': APP_REPO, 'github.token': TOKEN },
    env: {
      CI: 'true',
      GITHUB_API_URL: serverUrl,
      GITHUB_GRAPHQL_URL: `${serverUrl}/graphql`,
      GITHUB_SERVER_URL: serverUrl,
      GITHUB_REPOSITORY: APP_REPO,
      GITHUB_RUN_ID: RUN_ID,
    },
  });
  return new Promise((done) => {
    const child = spawn(process.execPath, [action], { cwd: dir, env });
    let log = '';
    child.stdout.on('data', (d) => {
      log += d;
    });
    child.stderr.on('data', (d) => {
      log += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    const finish = (code, error) => {
      clearTimeout(timer);
      const result = {
        code,
        error,
        log,
        outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
        summary: readFileSync(summaryFile, 'utf8'),
      };
      rmSync(dir, { recursive: true, force: true });
      done(result);
    };
    child.on('error', (e) => finish(null, e.message));
    child.on('close', (code, signal) =>
      finish(
        code,
        signal ? `killed by ${signal} (no answer within ${RUN_TIMEOUT_MS / 1000} s)` : undefined,
      ),
    );
  });
}

/** Prints one run: the log, the outputs and the job summary. */
function printRun(title, result) {
  heading(title);
  out("The action's log:");
  out(renderLog(result.log));
  out('\nOutputs:');
  const names = Object.keys(result.outputs);
  if (names.length === 0) out('  (none)');
  for (const name of names) out(`  ${name} = ${result.outputs[name]}`);
  out('\nJob summary (markdown):');
  out(result.summary.trim() ? indent(result.summary) : '  (empty)');
}

/** The request log: method, path, GraphQL operation, status. */
function requestLines(requests) {
  if (requests.length === 0) return ['  (none)'];
  return requests.map((r) => {
    const op = r.operationName ? ` ${r.operationName}` : '';
    return `  ${r.method.padEnd(6)} ${`${r.path}${op}`.padEnd(60)} ${r.status}`;
  });
}

/** `git show --stat -p` of `sha` in the server's bare repository. */
function gitShow(gitDir, sha) {
  return execFileSync(
    'git',
    ['--no-pager', 'show', '--no-color', '--no-ext-diff', '--format=fuller', '--stat', '-p', sha],
    {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        GIT_DIR: gitDir,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
      },
    },
  );
}

// --- the demo ----------------------------------------------------------------------------------

/** Collects what is wrong; the demo fails when anything is. */
function checker() {
  const problems = [];
  return {
    problems,
    expect(ok, message) {
      if (!ok) problems.push(message);
      return ok;
    },
  };
}

function wrongRun(result, expected) {
  if (result.error) return [`the action did not finish: ${result.error}`];
  const problems = [];
  if (result.code !== 0) problems.push(`the action exited with code ${result.code}`);
  for (const [key, value] of Object.entries(expected)) {
    if (result.outputs[key] !== value)
      problems.push(
        `output ${key} is ${JSON.stringify(result.outputs[key])}, expected ${JSON.stringify(value)}`,
      );
  }
  return problems;
}

async function demo(server, mode, action) {
  const declared = action.inputs;
  const inputs = demoInputs(mode);
  const check = checker();
  const before = await server.headOf(GITOPS, 'main');

  out(
    `gitops-bump demo: ${mode === 'commit' ? 'a direct commit' : 'a pull request with auto-merge'}`,
  );
  out(`  GitHub API lookalike  ${server.url} (GraphQL ${server.url}/graphql)`);
  out(
    `  GitOps repository     ${GITOPS}, main at ${before.slice(0, 7)}; ${DEPLOY_FILE} runs ${IMAGE}:${OLD_SHA.slice(0, 7)}…`,
  );
  out('  with:');
  for (const [k, v] of Object.entries(inputs)) out(`    ${k}: ${v}`);
  out(`    token: \${{ github.token }} (the demo token, registered with the server)`);

  // Run 1: the bump.
  server.resetRequests();
  const first = await runAction(action.main, server.url, inputs, declared);
  const firstRequests = server.requests.map((r) => ({ ...r }));
  printRun(`Run 1: bump ${IMAGE} to ${NEW_SHA.slice(0, 7)}… (mode ${mode})`, first);
  const expected =
    mode === 'commit'
      ? { changed: 'true', operation: 'committed', 'previous-tag': OLD_SHA, tag: NEW_SHA }
      : {
          changed: 'true',
          operation: 'pr-merged',
          'previous-tag': OLD_SHA,
          tag: NEW_SHA,
          'pr-number': '1',
        };
  for (const p of wrongRun(first, expected)) check.expect(false, `run 1: ${p}`);

  const head = await server.headOf(GITOPS, 'main');
  const sha = first.outputs['commit-sha'];
  if (mode === 'pull-request') {
    heading('The pull request');
    const pull = server.pulls(GITOPS)[0];
    if (check.expect(pull !== undefined, 'run 1: no pull request was opened')) {
      out(`  #${pull.number} ${pull.title}`);
      out(`  ${first.outputs['pr-url'] || '(no pr-url output)'}`);
      out(
        `  ${pull.headRef} -> ${pull.baseRef}, state ${pull.state}${pull.merged ? `, merged (${pull.mergeCommitSha?.slice(0, 7)})` : ''}`,
      );
      out(
        '  merged at once: the demo repository has no required checks, so GitHub answers that the',
      );
      out(
        '  pull request is in "clean status" when auto-merge is enabled, and the action merges it.',
      );
      check.expect(pull.merged, `run 1: pull request #${pull.number} is not merged`);
    }
  }

  heading(`The commit on main${sha ? ` (${sha.slice(0, 7)})` : ''}`);
  if (check.expect(Boolean(sha), 'run 1: no commit-sha output')) {
    check.expect(sha === head, `run 1: commit-sha ${sha} is not the head of main (${head})`);
    try {
      out(indent(gitShow(server.gitDir(GITOPS), sha)));
    } catch (e) {
      check.expect(false, `git show ${sha} failed: ${e.message}`);
    }
    const entry = (await server.log(GITOPS, 'main')).find((c) => c.sha === sha);
    const verified = entry?.verified === true;
    out(
      `\n  Verified: ${verified ? 'yes (signed by GitHub: branch protection that requires signed commits lets it in)' : 'no'}`,
    );
    check.expect(verified, `the commit ${sha.slice(0, 7)} is not verified (signed by GitHub)`);
  }
  const onMain = await server.readFile(GITOPS, 'main', DEPLOY_FILE);
  check.expect(
    onMain === deployment(NEW_SHA),
    `${DEPLOY_FILE} on main is not the original file with only the platform-demo tag changed`,
  );
  check.expect(
    (await server.readFile(GITOPS, 'main', SERVICE_FILE)) === SERVICE,
    `${SERVICE_FILE} changed`,
  );
  const maxRequests = mode === 'commit' ? 2 : 4;
  check.expect(
    firstRequests.length > 0 && firstRequests.length <= maxRequests,
    `run 1 made ${firstRequests.length} requests, expected ${mode === 'commit' ? '2' : 'at most 4'}`,
  );

  // Run 2: the same inputs again.
  server.resetRequests();
  const second = await runAction(action.main, server.url, inputs, declared);
  const secondRequests = server.requests.map((r) => ({ ...r }));
  printRun('Run 2: the same inputs again (a rerun of the job)', second);
  for (const p of wrongRun(second, { changed: 'false', operation: 'none', 'commit-sha': '' }))
    check.expect(false, `run 2: ${p}`);
  check.expect((await server.headOf(GITOPS, 'main')) === head, 'run 2 moved main');
  check.expect(server.pulls(GITOPS).length <= 1, 'run 2 opened another pull request');
  check.expect(
    secondRequests.length === 1,
    `run 2 made ${secondRequests.length} requests, expected 1`,
  );

  heading('Requests the server got');
  out(`Run 1 (${firstRequests.length} request${firstRequests.length === 1 ? '' : 's'}):`);
  out(requestLines(firstRequests).join('\n'));
  out(`Run 2 (${secondRequests.length} request${secondRequests.length === 1 ? '' : 's'}):`);
  out(requestLines(secondRequests).join('\n'));

  heading('Result');
  if (check.problems.length > 0) {
    throw new DemoError(
      `the demo found ${check.problems.length} problem(s):\n${check.problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  out(
    `OK: ${first.outputs.operation} ${sha.slice(0, 7)} (verified) in ${firstRequests.length} requests; ` +
      `the rerun changed nothing in ${secondRequests.length} request.`,
  );
}

/** The KEY=VALUE lines of --serve. */
function serveLines(url, server) {
  return [
    ['GITHUB_API_URL', url],
    ['GITHUB_GRAPHQL_URL', `${url}/graphql`],
    ['GITHUB_SERVER_URL', url],
    ['DEMO_GITHUB_API_URL', url],
    ['DEMO_GITHUB_GRAPHQL_URL', `${url}/graphql`],
    ['DEMO_TOKEN', TOKEN],
    ['DEMO_REPOSITORY', GITOPS],
    ['DEMO_FILES', DEPLOY_FILE],
    ['DEMO_IMAGE', `${IMAGE}:${NEW_SHA}`],
    ['DEMO_CONTAINER', CONTAINER],
    ['DEMO_GIT_DIR', server.gitDir(GITOPS)],
  ];
}

async function serve(server, port) {
  const front = port === undefined ? undefined : await forward(port, server.url);
  const url = front?.url ?? server.url;
  const lines = serveLines(url, server);
  // The runner gives every process of a step GITHUB_API_URL and GITHUB_GRAPHQL_URL from the
  // github context, over any value in $GITHUB_ENV or a step's env: only the DEMO_* names reach a
  // later step, so only they are appended there.
  if (process.env.GITHUB_ENV) {
    appendFileSync(
      process.env.GITHUB_ENV,
      lines
        .filter(([k]) => k.startsWith('DEMO_'))
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
  }
  console.error(
    `gitops-bump demo server: ${GITOPS} with ${DEPLOY_FILE} at ${IMAGE}:${OLD_SHA.slice(0, 7)}…` +
      `${process.env.GITHUB_ENV ? '; DEMO_* appended to $GITHUB_ENV' : ''}. Ctrl-C stops it.`,
  );
  // DEMO_READY comes last: once it is there, every line above it (and $GITHUB_ENV) is written.
  process.stdout.write(
    `${[...lines, ['DEMO_READY', 'true']].map(([k, v]) => `${k}=${v}`).join('\n')}\n`,
  );
  await untilInterrupted(async () => {
    front?.tcp.close();
    await server.close();
  });
}

async function keep(server, port) {
  const front = port === undefined ? undefined : await forward(port, server.url);
  const url = front?.url ?? server.url;
  heading('The server keeps running (Ctrl-C stops it)');
  out(`  GITHUB_API_URL=${url}`);
  out(`  GITHUB_GRAPHQL_URL=${url}/graphql`);
  out(`  token: ${TOKEN}`);
  out(`  bare repository: ${server.gitDir(GITOPS)}`);
  out('\n  Try:');
  const auth = `-H 'Authorization: Bearer ${TOKEN}'`;
  out(`    curl -s ${auth} ${url}/repos/${GITOPS}/commits/main`);
  out(
    `    curl -s ${auth} -H 'Accept: application/vnd.github.raw+json' ${url}/repos/${GITOPS}/contents/${DEPLOY_FILE}`,
  );
  out(`    curl -s ${auth} '${url}/repos/${GITOPS}/pulls?state=all'`);
  out(
    `    curl -s ${auth} ${url}/graphql -d '{"query":"{ repository(owner:\\"acme\\", name:\\"gitops\\") { defaultBranchRef { target { oid } } } }"}'`,
  );
  out(`    git --git-dir ${server.gitDir(GITOPS)} log --oneline main`);
  await untilInterrupted(async () => {
    front?.tcp.close();
    await server.close();
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const action = opts.serve ? undefined : snapshotAction();
  let server;
  let failed;
  try {
    server = await startDemoServer();
    if (opts.serve) return await serve(server, opts.port);
    await demo(server, opts.mode, action);
  } catch (e) {
    failed = e;
  } finally {
    if (action) rmSync(action.dir, { recursive: true, force: true });
  }
  if (!server) throw failed;
  if (opts.keep && !failed) return keep(server, opts.port);
  await server.close();
  if (failed) throw failed;
}

main().then(
  () => process.exit(0),
  (e) => {
    const message = e instanceof DemoError ? e.message : (e?.stack ?? String(e));
    console.error(`\ndemo FAILED: ${message}`);
    process.exit(1);
  },
);
