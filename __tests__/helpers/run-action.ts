// Runs the bundled action (dist/index.js) the way a runner does: INPUT_* variables with the
// defaults of action.yml applied, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and reads
// what it wrote back.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

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

/** Runs dist/index.js with the given inputs in `workspace`. */
export function runAction(
  inputs: Record<string, string>,
  workspace: string,
  env: Record<string, string> = {},
): ActionRun {
  const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as ActionYaml;
  for (const name of Object.keys(inputs)) {
    if (!(name in action.inputs))
      throw new Error(`test bug: '${name}' is not an input of action.yml`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'gitops-bump-runner-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputEnv: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    inputEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = inputs[name] ?? spec.default ?? '';
  }
  const result = spawnSync(process.execPath, [join(root, 'dist', 'index.js')], {
    cwd: workspace,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: dir,
      ...inputEnv,
      ...env,
    },
  });
  return {
    status: result.status,
    stdout: result.stdout + result.stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
  };
}
