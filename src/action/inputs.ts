// The action's inputs, read through the shared settings parser (src/run/settings.ts).
import * as core from '@actions/core';
import { type InputSource, readSettings as parse, type Settings } from '../run/settings.js';

/** The action's inputs as an InputSource: names are input names. */
const actionInputs: InputSource = {
  get: (name) => core.getInput(name),
  lines: (name) => core.getMultilineInput(name),
  label: (name) => name,
};

/** Masks the token, then reads and checks every input. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  // Mask the token before anything else can print it (every word of it, should it be pasted
  // with a prefix or a line break).
  for (const name of ['token', 'git-token', 'registry-password'])
    for (const part of core.getInput(name).split(/\s+/)) if (part.length > 1) core.setSecret(part);
  return parse(actionInputs, {
    ...(env.GITHUB_REPOSITORY && { repository: env.GITHUB_REPOSITORY }),
    ...(env.GITHUB_SERVER_URL && { serverUrl: env.GITHUB_SERVER_URL }),
  });
}

export type { GitHubSettings, GitSettings, Settings } from '../run/settings.js';
