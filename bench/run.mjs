// `npm run bench`: runs the benchmark sections in order and prints their figures.
//
//   node bench/run.mjs [--quick] [--only NAME[,NAME...]]
//
// --quick   a smoke check: smallest size, one run, no warm-up
// --only    run only the named sections (e.g. --only engine)
//
// A section is a module exporting `name`, `title` and `async run(ctx)`, where ctx is
// { quick, only, tmpdir, log(line), fail(message), target(label, measured, goal, ok) }: it prints
// its figures with log and reports wrong results (never slow ones) with fail, which makes the
// process exit with code 1. Each target it records with `target` (what was measured, the goal,
// whether it is met) is printed again at the end, all sections side by side, PASS or FAIL.
// tmpdir is a fresh directory under os.tmpdir(), removed when the benchmark ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { table, verdict } from './stats.mjs';

// To add a section, add its module here (paths are relative to bench/).
const SECTIONS = ['./startup.mjs', './engine.mjs', './github.mjs', './registry.mjs'];

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : undefined;

const tmp = mkdtempSync(join(tmpdir(), 'gitops-bump-bench-'));
const cleanUp = () => rmSync(tmp, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

const failures = [];
const targets = [];
try {
  const modules = await Promise.all(SECTIONS.map((path) => import(path)));
  const unknown = (only ?? []).filter((n) => !modules.some((m) => m.name === n));
  if (unknown.length > 0) {
    failures.push(
      `unknown section(s): ${unknown.join(', ')}; known: ${modules.map((m) => m.name).join(', ')}`,
    );
  }
  for (const section of modules) {
    if (only && !only.includes(section.name)) continue;
    console.log(`\n== ${section.name}: ${section.title ?? ''}`);
    const started = performance.now();
    const sectionTmp = mkdtempSync(join(tmp, `${section.name}-`));
    try {
      await section.run({
        quick,
        only,
        tmpdir: sectionTmp,
        log: (line) => console.log(line),
        fail: (message) => failures.push(`${section.name}: ${message}`),
        target: (label, measured, goal, ok) =>
          targets.push([`${section.name}: ${label}`, measured, goal, verdict(ok)]),
      });
    } catch (err) {
      failures.push(`${section.name}: ${err?.stack ?? err}`);
    }
    console.log(`(${section.name} took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
} finally {
  cleanUp();
}

if (targets.length > 0) {
  console.log('\n== targets (every section of this run)');
  table((line) => console.log(line), ['target', 'measured', 'goal', 'result'], targets);
}

if (failures.length > 0) {
  console.error(`\n${failures.length} problem(s):`);
  for (const f of failures) console.error(`  ${f}`);
  process.exitCode = 1;
}
