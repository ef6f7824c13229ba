// Runs the bundled action (dist/index.js) the way a runner does: INPUT_* variables with the
// defaults of action.yml applied, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and reads
// what it wrote back.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { tempDir } from './temp.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface ActionYaml {
  inputs: Record<string, { default?: string }>;
}

/** What a run of the action left behind. */
export interface ActionRun {
  status: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parses the GITHUB_OUTPUT file format (`name<<DELIMITER` blocks). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const values: string[] = [];
    for (i++; i < lines.length && lines[i] !== match[2]; i++) values.push(lines[i]!);
    outputs[match[1]!] = values.join('\n');
  }
  return outputs;
}

/** The environment a runner gives dist/index.js for these inputs. */
function runnerEnv(
  inputs: Record<string, string>,
  workspace: string,
  env: Record<string, string>,
): { env: NodeJS.ProcessEnv; outputFile: string; summaryFile: string } {
  const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as ActionYaml;
  for (const name of Object.keys(inputs)) {
    if (!(name in action.inputs))
      throw new Error(`test bug: '${name}' is not an input of action.yml`);
  }
  const dir = tempDir('gitops-bump-runner-');
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  // The runner evaluates the expressions in defaults; these two are the ones action.yml uses.
  const expressions: Record<string, string> = {
    'github.repository': env.GITHUB_REPOSITORY ?? '',
    'github.token': env.TEST_GITHUB_TOKEN ?? '',
  };
  const inputEnv: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    const fallback = (spec.default ?? '').replace(
      /\$\{\{\s*([\w.]+)\s*\}\}/g,
      (_whole, expr: string) => expressions[expr] ?? '',
    );
    inputEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = inputs[name] ?? fallback;
  }
  const { TEST_GITHUB_TOKEN: _token, ...rest } = env;
  return {
    outputFile,
    summaryFile,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: dir,
      ...inputEnv,
      ...rest,
    },
  };
}

function collect(
  status: number | null,
  stdout: string,
  files: { outputFile: string; summaryFile: string },
): ActionRun {
  return {
    status,
    stdout,
    outputs: parseOutputFile(readFileSync(files.outputFile, 'utf8')),
    summary: readFileSync(files.summaryFile, 'utf8'),
  };
}

/**
 * Runs dist/index.js with the given inputs in `workspace`. In `env`, TEST_GITHUB_TOKEN stands
 * for `${{ github.token }}` and GITHUB_REPOSITORY for `${{ github.repository }}`.
 */
export function runAction(
  inputs: Record<string, string>,
  workspace: string,
  env: Record<string, string> = {},
): ActionRun {
  const prepared = runnerEnv(inputs, workspace, env);
  const result = spawnSync(process.execPath, [join(root, 'dist', 'index.js')], {
    cwd: workspace,
    encoding: 'utf8',
    env: prepared.env,
  });
  return collect(result.status, result.stdout + result.stderr, prepared);
}

/** The same, without blocking: for runs that must overlap (matrix jobs). */
export function runActionAsync(
  inputs: Record<string, string>,
  workspace: string,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  const prepared = runnerEnv(inputs, workspace, env);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(root, 'dist', 'index.js')], {
      cwd: workspace,
      env: prepared.env,
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.on('error', reject);
    // A run that outlived its test (a timeout) finds its folder removed: a rejection, not an
    // uncaught error in whatever suite the worker runs next.
    child.on('close', (code) => {
      try {
        resolvePromise(collect(code, out, prepared));
      } catch (error) {
        reject(error);
      }
    });
  });
}
