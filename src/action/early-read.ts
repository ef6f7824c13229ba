// The action's first GitHub read, sent before the rest of the action loads (see
// src/stores/github/early-read.ts): decided from the raw INPUT_* variables, for the common case
// only, a commit to a GitHub repository (owner/name) of files named by plain paths, with every
// image's tag or digest given. Anything else (globs, pull requests, a registry to ask first, a
// proxy, an input the settings may refuse) sends nothing here and the run reads as it always does.
// A guess that differs from what the settings decide costs nothing but that read: the client uses
// the early answer only for the very question it would have asked.
import { endpointsFromEnv } from '../stores/github/endpoints.js';
import { EarlyRead } from '../stores/github/early-read.js';
import { proxyConfigured } from '../stores/github/undici-load.js';

/** A repository written as owner/name (a URL or anything else: no early read). */
const REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+$/;
/** A plain path relative to the repository root: no glob, no `#key`, no `.` or `..` segment. */
const PLAIN_PATH = /^[\w-]+(?:\.[\w-]+)*(?:\/[\w-]+(?:\.[\w-]+)*)*$/;
const BRANCH = /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/;

/** Sends the snapshot question now when the inputs are the plain commit case; else undefined. */
export function sendEarlyRead(env: NodeJS.ProcessEnv = process.env): EarlyRead | undefined {
  const input = (name: string) => (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
  const off = (name: string) => ['', 'false', 'False', 'FALSE'].includes(input(name));
  if (!['', 'commit'].includes(input('mode')) || !['', 'graphql'].includes(input('commit-api')))
    return undefined;
  if (!off('verify-image') || !off('resolve-digest') || !off('pin-digest')) return undefined;
  if (!['', '0'].includes(input('wait-for-merge')) || input('images') !== '') return undefined;
  const image = input('image');
  if (!input('tag') && !input('digest') && !/@sha256:|:[^/]+$/.test(image)) return undefined;
  if (proxyConfigured(env)) return undefined;

  const repository = input('repository') || (env.GITHUB_REPOSITORY ?? '').trim();
  const token = input('token');
  const branch = input('branch');
  const paths = plainPaths(input('files'));
  if (!REPOSITORY.test(repository) || repository.endsWith('.git') || !plausibleToken(token))
    return undefined;
  if (branch && (!BRANCH.test(branch) || /\.\.|\/\/|[/.]$|\.lock$/.test(branch))) return undefined;
  if (!paths) return undefined;

  const timeout = Number(input('request-timeout') || '30');
  const [owner, name] = repository.split('/') as [string, string];
  return EarlyRead.send(
    {
      graphqlUrl: endpointsFromEnv(env).graphqlUrl,
      token,
      timeoutMs: (Number.isFinite(timeout) && timeout > 0 ? timeout : 30) * 1000,
    },
    { repo: { owner, name }, ...(branch && { branch }), paths },
  );
}

/** The `files` lines when every one is a plain path (in order, once each); else undefined. */
function plainPaths(files: string): string[] | undefined {
  const lines = files
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 0 || !lines.every((line) => PLAIN_PATH.test(line))) return undefined;
  return [...new Set(lines)];
}

/** What the settings accept as a token (remote-inputs.ts), so that no refused token is sent. */
function plausibleToken(token: string): boolean {
  return token.length >= 20 && !/\s/.test(token) && !/^-+$/.test(token);
}
