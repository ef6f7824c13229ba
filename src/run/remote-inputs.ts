// Checks of the inputs that say where to write, shared by the action and the CLI.

import { InputError } from '../engine/bumps.js';
import type { RepoName } from '../stores/github/port.js';

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** Parses `owner/name`. */
export function parseRepository(value: string, input: string): RepoName {
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new InputError(
      `${input}: no repository given; set it to owner/name (outside GitHub Actions there is no GITHUB_REPOSITORY to fall back on).`,
    );
  }
  const url = /^https?:\/\/[^/]+\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(trimmed);
  const [owner, name, ...rest] = url ? [url[1]!, url[2]!] : trimmed.split('/');
  if (
    owner === undefined ||
    name === undefined ||
    rest.length > 0 ||
    !OWNER.test(owner) ||
    !NAME.test(name) ||
    name === '.' ||
    name === '..'
  ) {
    throw new InputError(
      `${input}: '${trimmed}' is not a repository; write it as owner/name, e.g. acme/gitops.`,
    );
  }
  return { owner, name: name.replace(/\.git$/, '') };
}

/**
 * Checks that a token looks like one before any call is made. The message describes the value
 * (its length, what is wrong) without ever quoting it.
 */
export function parseToken(value: string, input: string): string {
  const token = value.trim();
  if (token === '') {
    throw new InputError(
      `${input}: the token is empty. Pass one, e.g. token: \${{ secrets.GITOPS_TOKEN }}; an unset or misspelt secret name gives an empty value.`,
    );
  }
  if (/^-+$/.test(token) || token === 'null' || token === 'undefined') {
    throw new InputError(
      `${input}: the token is a placeholder (${token.length} character${token.length === 1 ? '' : 's'}, no letters), not a token. Set the secret to a real token (a GitHub App token, a fine-grained token or GITHUB_TOKEN).`,
    );
  }
  if (/\s/.test(token)) {
    throw new InputError(
      `${input}: the token (${token.length} characters) contains whitespace, which no GitHub token does. Copy the secret again without spaces or line breaks${/^(bearer|token)\s/i.test(token) ? ', and without the "Bearer"/"token" prefix' : ''}.`,
    );
  }
  if (token.length < 20) {
    throw new InputError(
      `${input}: the token is ${token.length} characters long, too short for a GitHub token (they are 40 or more). Check the secret's value.`,
    );
  }
  return token;
}
