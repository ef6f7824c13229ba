// The action's inputs, read through the shared settings parser (src/run/settings.ts).
// They are read from the INPUT_<NAME> variables the runner sets, the way @actions/core's
// getInput and getMultilineInput read them (tested against both): the action's start reads them
// before @actions/core is loaded, since loading it (with the crypto and fs.promises modules it
// requires) would hold back the run's first request (src/index.ts). The run masks the words of
// `secretWords()` before anything is printed (./main.ts).
import { type InputSource, readSettings as parse, type Settings } from '../run/settings.js';

/** The inputs that hold secrets: every word of each is masked in the log. */
const SECRET_INPUTS = ['token', 'git-token', 'registry-password'] as const;

/** An input's value as the runner passes it: INPUT_<NAME>, spaces as '_', trimmed. */
export function inputValue(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** The action's inputs as an InputSource: names are input names. */
export function actionInputs(env: NodeJS.ProcessEnv = process.env): InputSource {
  return {
    get: (name) => inputValue(name, env),
    lines: (name) =>
      inputValue(name, env)
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.trim()),
    label: (name) => name,
  };
}

/**
 * The words of the secret inputs (`token`, `git-token`, `registry-password`) to mask: every
 * word of each, should one be pasted with a prefix or a line break.
 */
export function secretWords(env: NodeJS.ProcessEnv = process.env): string[] {
  return SECRET_INPUTS.flatMap((name) =>
    inputValue(name, env)
      .split(/\s+/)
      .filter((part) => part.length > 1),
  );
}

/** Reads and checks every input. Prints nothing (the run masks the secrets first). */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Promise<Settings> {
  return parse(actionInputs(env), {
    ...(env.GITHUB_REPOSITORY && { repository: env.GITHUB_REPOSITORY }),
    ...(env.GITHUB_SERVER_URL && { serverUrl: env.GITHUB_SERVER_URL }),
  });
}

export type { GitHubSettings, GitSettings, Settings } from '../run/settings.js';
