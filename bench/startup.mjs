// Benchmark section "startup": the action's and the CLI's own start-up time over a bare node.
//
// Every round starts each contender once, in turn, so that all of them see the same load:
//   node -e 0          bare node: the floor every contender pays
//   action, fails      dist/index.js with `token: -`: refused before any request (node + bundle)
//   action, workspace  dist/index.js in workspace mode, bumping a one-line file
//   cli, 1-line file   dist/cli.js bumping a one-line file
// A contender's own time is the median, over the rounds, of its wall time (spawn to exit) minus
// bare node's in the same round: pairing runs a moment apart cancels most of the drift of a
// machine shared with other work. Target at most 50 ms each. Every run's result is checked (exit code, the file's bytes).
// All contenders get the same small environment (PATH and HOME; the action also its runner
// variables): variables such as NODE_EXTRA_CA_CERTS make every node start slower (node 20 reads
// that file at start, about 50 ms) and would hide the contenders' own time.
// Then the bundles: size on disk of each entry and chunk, and how long reading and compiling the
// entry bundles takes (vm.Script of the CommonJS wrapper in a child process: V8's parse and
// pre-parse, as require() does).
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import module from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runnerEnv, snapshotAction } from '../script/runner.mjs';
import { fmtMs, median, quantile, table, verdict } from './stats.mjs';

export const name = 'startup';
export const title = "Start-up: the action's and the CLI's own time over a bare `node -e 0`";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const TARGET_OWN_MS = 50;
const IMAGE = 'ghcr.io/acme/app';
/** The environment of bare node and the CLI; the action gets these and its runner variables. */
const BASE_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
/** Whether this node has the module compile cache that dist/cli.js turns on (Node 22.1+). */
const COMPILE_CACHE = typeof module.enableCompileCache === 'function';

/** Runs a command once; resolves { ms, code, out }. */
function timed(args, options) {
  return new Promise((done, failed) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, options);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('error', failed);
    child.on('close', (code) => done({ ms: performance.now() - started, code, out }));
  });
}

/** The contenders: { label, run(round) → problem or undefined, samples }. */
function contenders(tmp, action) {
  const workspace = (round) => {
    const dir = mkdtempSync(join(tmp, 'ws-'));
    writeFileSync(join(dir, 'app.yaml'), `image: ${IMAGE}:1.0.0\n`);
    return { dir, tag: `1.0.${round + 1}` };
  };
  const fileIs = (dir, tag) =>
    readFileSync(join(dir, 'app.yaml'), 'utf8') === `image: ${IMAGE}:${tag}\n`
      ? undefined
      : `app.yaml does not carry ${tag}`;
  const actionRun = (dir, inputs) => {
    const { env } = runnerEnv({
      declared: action.inputs,
      inputs,
      dir,
      expressions: { 'github.repository': 'acme/app', 'github.token': 'ghs_bench' },
      env: { GITHUB_REPOSITORY: 'acme/app' },
    });
    return timed([action.main], { cwd: dir, env });
  };
  return [
    {
      label: 'node -e 0',
      run: () => timed(['-e', '0'], { env: BASE_ENV }),
      check: (r) => (r.code === 0 ? undefined : `exit ${r.code}`),
    },
    {
      label: 'action, fails early (token -)',
      run: () => {
        const dir = mkdtempSync(join(tmp, 'fail-'));
        return actionRun(dir, { image: `${IMAGE}:2.0.0`, files: 'app.yaml', token: '-' });
      },
      check: (r) =>
        r.code === 1 && /::error::.*token/.test(r.out) ? undefined : `exit ${r.code}: ${r.out}`,
    },
    {
      label: 'action, workspace, 1-line file',
      run: async (round) => {
        const { dir, tag } = workspace(round);
        const r = await actionRun(dir, {
          image: `${IMAGE}:${tag}`,
          files: 'app.yaml',
          mode: 'workspace',
        });
        return { ...r, problem: r.code === 0 ? fileIs(dir, tag) : `exit ${r.code}: ${r.out}` };
      },
      check: (r) => r.problem,
    },
    ...cliContenders(tmp, workspace, fileIs),
  ].map((c) => ({ ...c, samples: [], failed: undefined }));
}

/**
 * The CLI: dist/cli.js turns on Node's compile cache where Node has it (22.1+). There, the row
 * with the target runs with a warm cache (a folder of this run's, filled by the warm-up rounds),
 * and two more rows show a cold cache (a new folder every round: a first run) and none at all.
 */
function cliContenders(tmp, workspace, fileIs) {
  const cli = (label, env, info) => ({
    label,
    info,
    run: async (round) => {
      const { dir, tag } = workspace(round);
      const args = [CLI, '--image', `${IMAGE}:${tag}`, '--files', 'app.yaml', '--cwd', dir];
      const r = await timed(args, { cwd: dir, env: { ...BASE_ENV, ...env(round) } });
      return { ...r, problem: r.code === 0 ? fileIs(dir, tag) : `exit ${r.code}: ${r.out}` };
    },
    check: (r) => r.problem,
  });
  const warm = join(tmp, 'compile-cache');
  if (!COMPILE_CACHE) return [cli('cli, 1-line file', () => ({ NODE_COMPILE_CACHE: warm }))];
  return [
    cli('cli, 1-line file (warm compile cache)', () => ({ NODE_COMPILE_CACHE: warm })),
    cli(
      'cli, cold compile cache (first run)',
      (round) => ({
        NODE_COMPILE_CACHE: join(tmp, `compile-cache-${round}`),
      }),
      true,
    ),
    cli('cli, compile cache off', () => ({ NODE_DISABLE_COMPILE_CACHE: '1' }), true),
  ];
}

/** Sizes of the bundles and their chunks, and the time to read and compile each entry bundle. */
function bundles(log) {
  const dirs = [join(ROOT, 'dist'), join(ROOT, 'dist', 'cli')];
  const rows = [];
  for (const dir of dirs) {
    const chunks = readdirSync(dir).filter((f) => /^\d+\.index\.js$/.test(f));
    const entry = join(dir, 'index.js');
    const size = statSync(entry).size;
    const chunkBytes = chunks.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
    // A child process: read, decode and compile the entry as require() does (CommonJS: the
    // source inside node's function wrapper), five times.
    const probe = `
      const { readFileSync } = require('node:fs'); const vm = require('node:vm');
      const times = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const source = readFileSync(process.argv[1], 'utf8');
        new vm.Script('(function (exports, require, module, __filename, __dirname) {' + source + '\\n})');
        times.push(performance.now() - t);
      }
      console.log(JSON.stringify(times));`;
    const out = spawnSync(process.execPath, ['-e', probe, entry], {
      encoding: 'utf8',
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    const times = JSON.parse(out.stdout || '[]');
    rows.push([
      `${dir.slice(ROOT.length + 1)}/index.js`,
      (size / 1024).toFixed(0),
      String(chunks.length),
      (chunkBytes / 1024).toFixed(0),
      times.length ? fmtMs(times[0]) : '?',
      times.length ? fmtMs(median(times.slice(1))) : '?',
    ]);
  }
  log('');
  table(log, ['bundle', 'entry KB', 'chunks', 'chunks KB', 'read+compile ms', 'again ms'], rows);
  log('(each run loads the entry and only the chunks of the store it uses)');
}

/** Runs the section. ctx: { quick, tmpdir, log(line), fail(message) }. */
export async function run(ctx) {
  const { log } = ctx;
  if (!existsSync(CLI) || !existsSync(join(ROOT, 'dist', 'index.js'))) {
    ctx.fail('dist/ is not built: run `npm run build` before benchmarking start-up');
    return;
  }
  const action = snapshotAction(mkdtempSync(join(ctx.tmpdir, 'action-')));
  const all = contenders(ctx.tmpdir, action);
  const rounds = ctx.quick ? 3 : 31;
  const warmups = ctx.quick ? 1 : 3;
  log(`${rounds} rounds after ${warmups} warm-up(s); each round runs every contender once`);
  log(
    COMPILE_CACHE
      ? `node ${process.version}: dist/cli.js turns on the module compile cache (the action does not: see bench/README.md)`
      : `node ${process.version}: no module compile cache (Node 22.1+); dist/cli.js's call does nothing here, so every figure is without it`,
  );
  log(
    `load average (1 min) at start: ${loadavg()[0].toFixed(2)} on ${availableParallelism()} cores`,
  );
  for (let round = 0; round < warmups + rounds; round++) {
    for (const c of all) {
      if (c.failed) continue;
      const r = await c.run(round);
      const problem = c.check(r);
      if (problem) {
        c.failed = problem;
        ctx.fail(`${c.label}: ${problem}`);
      } else if (round >= warmups) c.samples[round - warmups] = r.ms;
    }
  }
  const bare = all[0].samples;
  const spread = (values) => `${fmtMs(quantile(values, 0.1))}–${fmtMs(quantile(values, 0.9))}`;
  const rows = all.map((c, i) => {
    if (c.failed || c.samples.length === 0) return [c.label, 'failed', '', '', '', '', ''];
    const wall = [c.label, fmtMs(median(c.samples)), spread(c.samples)];
    if (i === 0) return [...wall, '', '', '', ''];
    // Paired with the bare node of the same round (bare never fails, so every round has one).
    const owns = c.samples.map((ms, round) => ms - bare[round]);
    const own = median(owns);
    if (c.info) return [...wall, fmtMs(own), spread(owns), '', ''];
    ctx.target(
      `${c.label}: own time over node -e 0 (median of ${owns.length} paired rounds; p10–p90 ${spread(owns)} ms; bare ${fmtMs(median(bare))} ms)`,
      `${fmtMs(own)} ms`,
      `≤ ${TARGET_OWN_MS} ms`,
      own <= TARGET_OWN_MS,
    );
    return [...wall, fmtMs(own), spread(owns), `≤ ${TARGET_OWN_MS}`, verdict(own <= TARGET_OWN_MS)];
  });
  log('');
  table(
    log,
    ['contender', 'median ms', 'p10–p90 ms', 'own ms', 'own p10–p90', 'target', 'result'],
    rows,
  );
  log('own: the median over the rounds of (contender - bare node in the same round)');
  log(`load average (1 min) at the end: ${loadavg()[0].toFixed(2)}`);
  bundles(log);
}
