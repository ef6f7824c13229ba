// Benchmark section "engine": bump one image tag in a large multi-document manifest.
//
// Three contenders, each a separate `node` process on a fresh copy of the file:
//   floor      bench/floor.mjs: plain string find/replace of the one image reference (the least work)
//   cli        dist/cli.js, the real tool, which must change only the bytes of the tag
//   load-dump  bench/load-dump.mjs: js-yaml loadAll, set the image, dump every document (a rewrite)
// Wall time is measured around spawn-to-exit; peak memory is the child's own maxRSS, written at
// exit by bench/maxrss-hook.mjs (preloaded with --import). Every run's output is checked.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  BASE_BYTES,
  BASE_DOCS,
  generateManifest,
  TARGET_IMAGE,
  TARGET_NEW_TAG,
  TARGET_OLD_TAG,
} from './generate-manifest.mjs';

export const name = 'engine';
export const title = 'Engine: bump one image tag in a large multi-document manifest';

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, '..');
// BENCH_CLI=path benchmarks another build of the CLI (e.g. a released one) instead of dist/cli.js.
const CLI = process.env.BENCH_CLI ? resolve(process.env.BENCH_CLI) : join(ROOT, 'dist', 'cli.js');
const HOOK = pathToFileURL(join(BENCH, 'maxrss-hook.mjs')).href;
const OLD_REF = `${TARGET_IMAGE}:${TARGET_OLD_TAG}`;
const NEW_REF = `${TARGET_IMAGE}:${TARGET_NEW_TAG}`;
/** A run that takes longer than this is killed and reported as failed. */
const RUN_TIMEOUT_MS = 120_000;

const TARGETS = { cliPerFloor: 1.5, rssPerFloor: 1.3, cliPerLoadDump: 0.2, growth4x: 4.5 };

const CONTENDERS = [
  {
    key: 'floor',
    args: (file) => [join(BENCH, 'floor.mjs'), file, OLD_REF, NEW_REF],
    verify: verifyInPlace,
  },
  {
    key: 'cli',
    // The file is given relative to --cwd (the child also runs in that directory).
    args: (file, dir) => [CLI, '--image', NEW_REF, '--files', basename(file), '--cwd', dir],
    verify: (out, files) => {
      const problem = verifyInPlace(out, files);
      return problem && out.equals(files.original)
        ? `${problem} (is dist/cli.js an up-to-date build? run npm run build)`
        : problem;
    },
  },
  {
    key: 'load-dump',
    args: (file) => [join(BENCH, 'load-dump.mjs'), file, TARGET_IMAGE, TARGET_NEW_TAG],
    verify: verifyRewrite,
  },
];

/**
 * Runs the section. ctx: { quick, tmpdir, log(line), fail(message) }.
 * Timing figures are printed, never asserted; wrong output is reported through ctx.fail.
 */
export async function run(ctx) {
  const { log } = ctx;
  const scales = ctx.quick ? [1] : [1, 2, 4];
  const runs = ctx.quick ? 1 : 5;
  const warmups = ctx.quick ? 0 : 1;
  const dir = join(ctx.tmpdir, 'engine');
  const work = join(dir, 'work');
  mkdirSync(work, { recursive: true });

  const cliBuilt = existsSync(CLI);
  // Contenders still taking part; a contender that fails once is dropped for the rest.
  const active = new Set(CONTENDERS.map((c) => c.key));
  if (!cliBuilt) {
    active.delete('cli');
    log('cli: dist/cli.js not built, run npm run build');
  }
  log(
    `target ${OLD_REF} -> ${TARGET_NEW_TAG}; median of ${runs} run(s)` +
      (warmups ? ` after ${warmups} warm-up` : '') +
      ` per size${ctx.quick ? ' (--quick: 1x only)' : ''}`,
  );

  const rows = [];
  for (const scale of scales) {
    const docs = BASE_DOCS * scale;
    const master = join(dir, `manifest-${scale}x.yaml`);
    const bytes = await generateManifest(master, docs);
    if (scale === 1) {
      const ok = Math.abs(bytes - BASE_BYTES) <= BASE_BYTES * 0.1;
      log(
        `1x file: ${mb(bytes)} MB, ${docs} documents (expected ${mb(BASE_BYTES)} MB ±10%): ${ok ? 'ok' : 'OFF'}`,
      );
      if (!ok) ctx.fail(`1x manifest is ${mb(bytes)} MB, expected ${mb(BASE_BYTES)} MB ±10%`);
    }
    const original = readFileSync(master);
    const expected = replaceOnce(original, OLD_REF, NEW_REF);
    const samples = Object.fromEntries(CONTENDERS.map((c) => [c.key, { ms: [], rss: [] }]));

    for (let round = 0; round < warmups + runs; round++) {
      // Interleave the contenders so that drifts in machine load hit all of them alike.
      for (const contender of CONTENDERS) {
        if (!active.has(contender.key)) continue;
        const file = join(work, 'manifest.yaml');
        copyFileSync(master, file);
        const result = await timeChild(contender.args(file, work), work, dir);
        const problem =
          result.error ??
          (result.code !== 0
            ? `exited with ${result.signal ?? `code ${result.code}`}${tail(result.stderr)}`
            : contender.verify(readFileSync(file), { original, expected }));
        if (problem) {
          log(`${contender.key} at ${scale}x: ${problem}`);
          ctx.fail(`${contender.key} at ${scale}x: ${problem}`);
          active.delete(contender.key);
          samples[contender.key] = null;
          continue;
        }
        if (round >= warmups) {
          samples[contender.key].ms.push(result.ms);
          if (result.rssKiB !== undefined) samples[contender.key].rss.push(result.rssKiB);
        }
      }
    }
    rmSync(master, { force: true });

    const row = { scale, docs, bytes };
    for (const { key } of CONTENDERS) {
      const s = samples[key];
      row[key] = s?.ms.length ? { ms: median(s.ms), rssMB: mbFromKiB(median(s.rss)) } : null;
    }
    rows.push(row);
  }

  printTable(log, rows, cliBuilt, runs);
  printTargets(log, rows, cliBuilt, ctx.target);
}

/** Spawns `node --import maxrss-hook ARGS`, timing spawn to exit. */
function timeChild(args, cwd, dir) {
  const rssFile = join(dir, 'maxrss.txt');
  rmSync(rssFile, { force: true });
  return new Promise((done) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--import', HOOK, ...args], {
      cwd,
      env: { ...process.env, BENCH_MAXRSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      done({ error: `could not start: ${err.message}` });
    });
    child.on('close', (code, signal) => {
      const ms = performance.now() - start;
      clearTimeout(timer);
      let rssKiB;
      try {
        rssKiB = Number(readFileSync(rssFile, 'utf8'));
      } catch {
        rssKiB = undefined;
      }
      const error =
        signal === 'SIGKILL' && ms >= RUN_TIMEOUT_MS
          ? `timed out after ${RUN_TIMEOUT_MS} ms`
          : undefined;
      done({ ms, code, signal, stderr, rssKiB, error });
    });
  });
}

function replaceOnce(buf, from, to) {
  const at = buf.indexOf(from);
  if (at < 0 || buf.indexOf(from, at + from.length) >= 0) {
    throw new Error(`${from} must occur exactly once in the generated manifest`);
  }
  return Buffer.concat([
    buf.subarray(0, at),
    Buffer.from(to),
    buf.subarray(at + Buffer.byteLength(from)),
  ]);
}

/** floor and cli: the output must be the input with exactly the target's tag changed. */
function verifyInPlace(out, { original, expected }) {
  if (out.equals(expected)) return undefined;
  if (out.equals(original)) return 'the file was not changed';
  const a = original.toString('utf8').split('\n');
  const b = out.toString('utf8').split('\n');
  if (a.length !== b.length) {
    return `expected one changed line, but the file went from ${a.length} to ${b.length} lines`;
  }
  const changed = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changed.push(i);
  const show = changed
    .slice(0, 3)
    .map((i) => `\n    line ${i + 1}: ${JSON.stringify(a[i])} -> ${JSON.stringify(b[i])}`)
    .join('');
  return `expected exactly the target line to change, but ${changed.length} line(s) changed:${show}`;
}

/** load-dump: the target image must carry the new tag (the rest of the file is rewritten). */
function verifyRewrite(out) {
  const text = out.toString('utf8');
  const first = text.indexOf(NEW_REF);
  if (first < 0) return `${NEW_REF} is not in the output`;
  if (text.indexOf(NEW_REF, first + 1) >= 0) return `${NEW_REF} occurs more than once`;
  if (text.includes(OLD_REF)) return `${OLD_REF} is still in the output`;
  return undefined;
}

function printTable(log, rows, cliBuilt, runs) {
  const cell = (r, key) => {
    if (r[key]) return r[key].ms.toFixed(0);
    return key === 'cli' && !cliBuilt ? 'not built' : 'failed';
  };
  const ratio = (r, key) => (r.cli && r[key] ? `${(r.cli.ms / r[key].ms).toFixed(2)}x` : '-');
  const rss = (r, key) => (r[key] && r[key].rssMB !== undefined ? r[key].rssMB.toFixed(0) : '-');
  const header = [
    'size',
    'floor ms',
    'cli ms',
    'load-dump ms',
    'cli/floor',
    'cli/load-dump',
    'floor RSS MB',
    'cli RSS MB',
    'load-dump RSS MB',
  ];
  const body = rows.map((r) => [
    `${r.scale}x ${mb(r.bytes)} MB, ${r.docs / 1000}k docs`,
    cell(r, 'floor'),
    cell(r, 'cli'),
    cell(r, 'load-dump'),
    ratio(r, 'floor'),
    ratio(r, 'load-dump'),
    rss(r, 'floor'),
    rss(r, 'cli'),
    rss(r, 'load-dump'),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  log('');
  log(
    `wall time: median of ${runs} run(s), whole process (node start-up included); RSS: peak of the process`,
  );
  log(line(header));
  log(line(widths.map((w) => '-'.repeat(w))));
  for (const b of body) log(line(b));
}

function printTargets(log, rows, cliBuilt, record) {
  log('');
  log('targets for the cli:');
  const sizes = rows.map((r) => `${r.scale}x`).join(', ');
  const verdict = (label, goal, values, ok) => {
    if (!cliBuilt) return 'n/a (cli not built)';
    if (values.some((v) => v === undefined)) return 'n/a (cli failed)';
    const shown = values.map((v) => `${v.toFixed(2)}x`).join(', ');
    const pass = values.every(ok);
    record?.(`${label} (${sizes})`, shown, goal, pass);
    return `${shown}  ${pass ? 'PASS' : 'FAIL'}`;
  };
  const per = (key) => rows.map((r) => (r.cli && r[key] ? r.cli.ms / r[key].ms : undefined));
  const rss = rows.map((r) =>
    r.cli?.rssMB !== undefined && r.floor?.rssMB ? r.cli.rssMB / r.floor.rssMB : undefined,
  );
  const target = (label, text) => log(`  ${label.padEnd(44)} ${text}`);
  const vsFloor = 'cli time / floor time';
  target(
    `cli within ${TARGETS.cliPerFloor}x of floor`,
    verdict(vsFloor, `≤ ${TARGETS.cliPerFloor}x`, per('floor'), (v) => v <= TARGETS.cliPerFloor),
  );
  const rssLabel = 'cli peak RSS / floor peak RSS';
  target(
    `cli peak memory within ${TARGETS.rssPerFloor}x of floor's`,
    verdict(rssLabel, `≤ ${TARGETS.rssPerFloor}x`, rss, (v) => v <= TARGETS.rssPerFloor),
  );
  const vsDump = 'cli time / load-dump time';
  target(
    `cli at most ${TARGETS.cliPerLoadDump}x of load-dump`,
    verdict(
      vsDump,
      `≤ ${TARGETS.cliPerLoadDump}x`,
      per('load-dump'),
      (v) => v <= TARGETS.cliPerLoadDump,
    ),
  );
  const one = rows.find((r) => r.scale === 1);
  const four = rows.find((r) => r.scale === 4);
  const growthLabel = `linear growth: cli 4x/1x at most ${TARGETS.growth4x}x`;
  if (!one || !four) target(growthLabel, 'n/a (needs 1x and 4x; run without --quick)');
  else {
    const growth = one.cli && four.cli ? four.cli.ms / one.cli.ms : undefined;
    target(
      growthLabel,
      verdict('cli time 4x / 1x', `≤ ${TARGETS.growth4x}x`, [growth], (v) => v <= TARGETS.growth4x),
    );
  }
}

function median(values) {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function mb(bytes) {
  return (bytes / 1e6).toFixed(1);
}

function mbFromKiB(kib) {
  return kib === undefined ? undefined : (kib * 1024) / 1e6;
}

function tail(stderr) {
  const text = stderr.trim();
  if (!text) return '';
  const lines = text.split('\n').slice(-5);
  return `:\n    ${lines.join('\n    ')}`;
}
