// Runs the bundled action (dist/index.js) the way a GitHub runner does, for the plain-node
// scripts (bench/github.mjs, script/demo.mjs): INPUT_* for every input of action.yml (given, or
// the default with the runner's expressions evaluated), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
// files read back. (The tests have the TypeScript twin in __tests__/helpers/run-action.ts.)
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ACTION = join(ROOT, 'dist', 'index.js');

/**
 * Copies dist/index.js (its chunks and its package.json) into `dir` (a new temporary folder by default) and
 * reads action.yml's inputs once, so that a rebuild of dist/ meanwhile cannot mix two builds.
 * Returns { dir, main, inputs }.
 */
export function snapshotAction(dir = mkdtempSync(join(tmpdir(), 'gitops-bump-action-'))) {
  if (!existsSync(ACTION)) throw new Error(`${ACTION} is missing: run \`npm run build\` first`);
  copyFileSync(ACTION, join(dir, 'index.js'));
  // The chunks a run loads on demand (one per store; see script/build.mjs).
  for (const chunk of readdirSync(dirname(ACTION))) {
    if (/^\d+\.index\.js$/.test(chunk))
      copyFileSync(join(dirname(ACTION), chunk), join(dir, chunk));
  }
  const pkg = join(dirname(ACTION), 'package.json');
  if (existsSync(pkg)) copyFileSync(pkg, join(dir, 'package.json'));
  return {
    dir,
    main: join(dir, 'index.js'),
    inputs: parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')).inputs,
  };
}

/**
 * The environment of one run in the fresh folder `dir`: the runner's variables, `env` on top
 * (GITHUB_API_URL and the like), and INPUT_* for every declared input. `expressions` gives the
 * values of `${{ … }}` in defaults. Returns { env, outputFile, summaryFile }.
 */
export function runnerEnv({ declared, inputs, dir, expressions, env }) {
  for (const input of Object.keys(inputs)) {
    if (!(input in declared)) throw new Error(`'${input}' is not an input of action.yml`);
  }
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const all = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    ...env,
  };
  for (const [input, spec] of Object.entries(declared)) {
    const fallback = String(spec?.default ?? '').replace(
      /\$\{\{\s*([\w.]+)\s*\}\}/g,
      (_whole, expr) => expressions[expr] ?? '',
    );
    // The runner upper-cases and turns spaces into underscores; dashes stay (INPUT_MAX-ATTEMPTS).
    all[`INPUT_${input.replace(/ /g, '_').toUpperCase()}`] = inputs[input] ?? fallback;
  }
  return { env: all, outputFile, summaryFile };
}

/** Parses the GITHUB_OUTPUT file format (`name<<DELIMITER` blocks). */
export function parseOutputFile(text) {
  const outputs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (!match) continue;
    const values = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) values.push(lines[i]);
    outputs[match[1]] = values.join('\n');
  }
  return outputs;
}
