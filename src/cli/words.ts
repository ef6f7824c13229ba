// The CLI's own words: messages from the shared layers name the action's inputs (`files:`,
// `allow-downgrade: true`, `token: ${{ secrets.… }}`); the CLI says the same with its flags
// (`--files`, `--allow-downgrade`, GITHUB_TOKEN). One ordered table, applied to every message
// the CLI prints.

import { CLI_ONLY, OPTIONS } from './options.js';

/**
 * The action inputs the CLI takes as flags: every flag but the CLI's own, and the two inputs
 * whose flags have other names (images → --image, working-directory → --cwd). Longest first.
 */
const FLAGS = [
  ...Object.keys(OPTIONS).filter((name) => !CLI_ONLY.has(name)),
  'images',
  'working-directory',
].sort((a, b) => b.length - a.length);

const NAMES = FLAGS.join('|');
/** The values of the choice inputs, as messages quote them after the input's name. */
const VALUES = [
  'true',
  'false',
  'auto',
  'now',
  'none',
  'squash',
  'merge',
  'rebase',
  'commit',
  'pull-request',
  'workspace',
  'skip',
  'fail',
  'graphql',
  'contents',
].join('|');

function flagOf(name: string): string {
  if (name === 'working-directory') return '--cwd';
  if (name === 'images') return '--image';
  return `--${name}`;
}

/** [pattern, replacement] in order; the first rules are the specific sentences. */
const RULES: Array<[RegExp, string | ((...m: string[]) => string)]> = [
  [
    /Pass one, e\.g\. token: \$\{\{ secrets\.[A-Z_]+ \}\}; an unset or misspelt secret name gives an empty value\./g,
    'Pass --token, or set GITHUB_TOKEN (or GH_TOKEN) in the environment.',
  ],
  [
    /Check the secret passed in token \(an empty or mistyped secret name gives an empty value; /g,
    'Check --token or GITHUB_TOKEN (',
  ],
  [/Set the secret to a real token/g, 'Pass a real token in --token or GITHUB_TOKEN'],
  [/Copy the secret again/g, 'Copy the token again'],
  [/Check the secret's value\./g, 'Check the value of --token or GITHUB_TOKEN.'],
  [/\$\{\{ secrets\.([A-Z_]+) \}\}/g, '$$$1'],
  [
    /bump these images together with images: in one job/g,
    'bump these images together with several --image flags in one run',
  ],
  [/leave branch empty for the default branch/g, 'leave out --branch for the default branch'],
  [/remove it from files\b/g, 'remove it from --files'],
  [/\bset allow-downgrade: true\b/g, 'pass --allow-downgrade'],
  [/\ballow-downgrade: true\b/g, '--allow-downgrade'],
  [/\bpin-digest: true\b/g, '--pin-digest'],
  [/\bdry-run: true\b/g, '--dry-run'],
  // `files: 'x' does not exist`: an input that starts a message.
  [new RegExp(`(^|\\n|: )(${NAMES}): `, 'g'), (_m, pre, name) => `${pre}${flagOf(name!)}: `],
  // `merge: auto`, `mode: pull-request`: an input and one of its values.
  [
    new RegExp(`(^|[\\s(])(${NAMES}): (${VALUES})(?=[\\s).,;]|$)`, 'gm'),
    (_m, pre, name, value) => `${pre}${flagOf(name!)} ${value}`,
  ],
  // `Raise max-attempts (now 3)`, `use commit-api graphql`: an input named in a sentence.
  [
    new RegExp(`\\b(Raise|raise) (${NAMES})\\b`, 'g'),
    (_m, verb, name) => `${verb} ${flagOf(name!)}`,
  ],
];

/** The message in the CLI's words. */
export function cliWords(message: string): string {
  let out = message;
  for (const [pattern, replacement] of RULES)
    out = out.replace(pattern, replacement as (substring: string, ...args: string[]) => string);
  return out;
}
