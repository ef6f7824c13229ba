// Runs the engine's fuzz test (__tests__/engine/fuzz.test.ts) for many more cases than
// `npm test` does, and prints what happened.
//
//   node script/fuzz.mjs [--runs N] [--seed S]
//
// --runs defaults to 20000; --seed defaults to a random one, printed so that a failure can be
// run again with it. The test itself is TypeScript run by jest, so this script spawns jest on
// it with FUZZ_RUNS, FUZZ_SEED and FUZZ_STATS (a file the test writes its counts to).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const usage = 'usage: node script/fuzz.mjs [--runs N] [--seed S]';
let values;
try {
  ({ values } = parseArgs({
    options: {
      runs: { type: 'string', default: '20000' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error(`--runs and --seed take whole numbers\n${usage}`);
  process.exit(2);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'gitops-bump-fuzz-'));
const statsFile = join(scratch, 'stats.json');

console.log(`fuzzing the engine: ${runs} cases, seed ${seed}`);
const started = process.hrtime.bigint();
const jest = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
    '__tests__/engine/fuzz.test.ts',
    '--testNamePattern',
    'engine fuzzing',
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules']
        .filter(Boolean)
        .join(' '),
      NODE_NO_WARNINGS: '1',
      FUZZ_RUNS: String(runs),
      FUZZ_SEED: String(seed),
      FUZZ_STATS: statsFile,
    },
  },
);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

const stats = existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, 'utf8')) : undefined;
rmSync(scratch, { recursive: true, force: true });
const failed = jest.status !== 0;

if (stats) {
  const refusedBy = Object.entries(stats.refusedBy)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  const kinds = Object.entries(stats.byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  console.log('');
  console.log(`cases (files):       ${stats.cases}${failed ? ' (including shrinking)' : ''}`);
  console.log(
    `  edited ${stats.edited}, nothing to change ${stats.unchanged}, refused ${stats.refused}${refusedBy ? ` (${refusedBy})` : ''}`,
  );
  console.log(`YAML documents:      ${stats.documents}`);
  console.log(
    `  with an edit ${stats.documentsEdited}, in refused files ${stats.documentsRefused}`,
  );
  console.log(`images placed:       ${stats.placements} (${kinds})`);
  console.log(
    `  occurrences changed ${stats.changedOccurrences}, skipped with a reason ${stats.skipped}`,
  );
  for (const refusal of stats.refusals) console.log(`  refused: ${refusal.split('\n')[0]}`);
}
console.log(`time:                ${seconds.toFixed(1)} s`);
if (failed) {
  console.log(
    `FAILED (seed ${seed}); run again with: node script/fuzz.mjs --runs ${runs} --seed ${seed}`,
  );
  process.exit(jest.status ?? 1);
}
