// The CLI door: `gitops-bump --image REF --files GLOB[#KEYPATH] ...` on files on disk, in a
// GitHub repository (--repository owner/name) or on any git host (--repository URL). The same
// settings parser and the same run as the action; exit 0 whether or not anything changed,
// non-zero with a message for anything the user has to fix.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BumpReport } from '../engine/bump-files.js';
import { sendFirstQuestion } from '../run/first-read.js';
import type { RemoteOutcome } from '../run/remote.js';
import { changedOf, operationOf, runBump } from '../run/run.js';
import { type InputSource, readSettings, type Settings } from '../run/settings.js';
import { endpointsFromEnv } from '../stores/github/endpoints.js';
import { OPTIONS } from './options.js';
import { cliVersion } from './version.js';
import { cliWords } from './words.js';

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export const USAGE = `Usage: gitops-bump --image REF [--image REF ...] --files GLOB[#KEYPATH] [--files ...] [options]

Bumps the tag (or digest) of each image wherever the files reference it, changing only the
bytes of the tag or digest: in files on disk (default), in a GitHub repository through the API
(--repository owner/name), or in any git repository (--repository URL or path).

What to bump
  --image REF            the image to deploy: registry/name:tag, name@sha256:..., name:tag@sha256:...
                         (repeat for several images, bumped together)
  --tag TAG, --digest D  the tag or digest for a bare --image name
  --files GLOB[#KEYPATH] a file or glob relative to the repository root (repeatable); #KEYPATH
                         (e.g. image-versions.yaml#data.backend) writes a key that does not name the image
  --container NAME       only containers (and compose services) with this name
  --pin-digest           give references that carry only a tag the digest too
Version policy
  --version-filter RANGE a semver range the new tag must satisfy (e.g. ^1.0.0)
  --allow-downgrade      allow a lower version than the one in the file (a rollback)
  --on-policy-violation skip|fail
                         a refused bump leaves that place as it is (skip, default) or fails
                         the whole run, writing nothing (fail)
  --on-missed warn|fail  a line that names the image but was not bumped is reported (warn,
                         default; the rest is written) or fails the run, writing nothing (fail)
  --tag-pattern REGEX    a regular expression with a named group 'version' for other tag forms
Container registry (asked before anything is written)
  --image NAME --version-filter RANGE
                         an image without a tag: deploy the newest tag the registry has in RANGE
  --verify-image         fail unless every tag (and digest) exists in the registry
  --resolve-digest       look up each tag's digest (a multi-arch image: the index digest) and
                         write tag@digest where the file pins digests (everywhere with --pin-digest)
  --registry-username U, --registry-password P
                         the login for the images' registry (default: $REGISTRY_USERNAME,
                         $REGISTRY_PASSWORD; then the Docker config of docker login; then anonymous)
  --insecure-registries HOST[:PORT]
                         a registry spoken to over plain HTTP (loopback hosts always are)
Where
  --cwd DIR              files on disk: the repository root (default: the current directory)
  --repository REPO      owner/name on GitHub, or a git URL or path on any host
  --branch NAME          the branch (default: the repository's default branch)
  --token TOKEN          GitHub token (default: $GITHUB_TOKEN, then $GH_TOKEN)
  --git-token TOKEN      token for a git https remote on another host (default: $GIT_TOKEN)
  --git-token-user USER  the user name sent with it (GitLab: oauth2; default x-access-token)
  --api-url URL          GitHub API (default: $GITHUB_API_URL or https://api.github.com)
  --graphql-url URL      GitHub GraphQL API (default: $GITHUB_GRAPHQL_URL, or derived)
How (GitHub)
  --mode commit|pull-request          default commit
  --merge auto|now|none               pull-request mode: default auto
  --merge-method squash|merge|rebase  default squash
  --pr-branch, --pr-title, --pr-body, --pr-labels, --pr-reviewers (pull-request mode)
  --close-superseded true|false       close older PRs of this tool for the same images (default true)
  --wait-for-merge DURATION           wait for the PR to merge, e.g. 10m (default 0: do not wait)
  --commit-message TEMPLATE, --commit-api graphql|contents, --max-attempts N,
  --request-timeout SECONDS
Output
  --dry-run              print a unified diff, write nothing
  --check                write nothing; exit 3 when a change is needed (pre-commit, CI drift checks)
  --json                 print the report as JSON (errors too)
  --version, --help      the version, this text

Exit status: 0 done (changed or not); 1 something must be fixed; 2 usage error (a flag or its
value); 3 --check found a change to make.`;

function describeReport(report: BumpReport): string {
  const lines: string[] = [];
  for (const o of report.occurrences) {
    const arrow =
      o.verdict?.decision === 'skipped'
        ? `${o.from || '(none)'} -> ${o.to} not bumped: ${o.verdict.reason}`
        : o.changed
          ? `${o.from || '(none)'} -> ${o.to}`
          : `${o.to} (already)`;
    lines.push(
      `${o.file}:${o.line}  ${o.image}  ${arrow}${o.notes.length ? `  [${o.notes.join('; ')}]` : ''}`,
    );
  }
  for (const s of report.skipped)
    if (s.filtered) lines.push(`${s.file}:${s.line}  ${s.image}  skipped: ${s.reason}`);
  for (const m of report.missed) lines.push(`${m.file}:${m.line}  ${m.image}  missed: ${m.reason}`);
  const changedFiles = report.files.filter((f) => f.changed).length;
  const changes = report.occurrences.filter((o) => o.changed).length;
  const refused = report.occurrences.filter((o) => o.verdict?.decision === 'skipped').length;
  const missedNote = report.missed.length
    ? `; ${report.missed.length} missed place${report.missed.length === 1 ? '' : 's'} (see above)`
    : '';
  const refusedNote = `${refused ? `; ${refused} refused by the version policy` : ''}${missedNote}`;
  lines.push(
    report.changed
      ? `${changes} change${changes === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}${refusedNote}`
      : refused
        ? `no change: ${refused} refused by the version policy`
        : report.missed.length
          ? `no change${missedNote}`
          : 'no change: every file already holds the requested version',
  );
  return `${lines.join('\n')}\n`;
}

/** The JSON change report of --json. */
export function jsonReport(report: BumpReport, dryRun: boolean): unknown {
  return {
    changed: report.changed,
    dryRun,
    files: report.files.filter((f) => f.changed).map((f) => f.path),
    changes: report.occurrences
      .filter((o) => o.changed)
      .map((o) => ({
        file: o.file,
        line: o.line,
        image: o.image,
        from: o.from,
        to: o.to,
        kind: o.kind,
        path: o.path,
        notes: o.notes,
      })),
    unchanged: report.occurrences
      .filter((o) => !o.changed && o.verdict?.decision !== 'skipped')
      .map((o) => ({ file: o.file, line: o.line, image: o.image, value: o.to })),
    refused: report.occurrences
      .filter((o) => o.verdict?.decision === 'skipped')
      .map((o) => ({
        file: o.file,
        line: o.line,
        image: o.image,
        from: o.from,
        to: o.to,
        reason: o.verdict?.reason,
      })),
    skipped: report.skipped.map((s) => ({
      file: s.file,
      line: s.line,
      image: s.image,
      path: s.path,
      reason: s.reason,
    })),
    missed: report.missed.map((m) => ({
      file: m.file,
      line: m.line,
      image: m.image,
      reason: m.reason,
    })),
  };
}

/** The flags, as the action's input names (the InputSource of the shared settings parser). */
function cliInputs(
  values: ReturnType<typeof parse>['values'],
  env: NodeJS.ProcessEnv,
): InputSource {
  const images = values.image ?? [];
  const flags = values as Record<string, string | boolean | string[] | undefined>;
  const get = (name: string): string => {
    switch (name) {
      case 'image':
        return images.length === 1 ? (images[0] ?? '') : '';
      case 'working-directory':
        return values.cwd ?? '';
      case 'token':
        return values.token ?? env.GITHUB_TOKEN ?? env.GH_TOKEN ?? '';
      case 'git-token':
        return values['git-token'] ?? env.GIT_TOKEN ?? '';
      case 'registry-username':
        return values['registry-username'] ?? env.REGISTRY_USERNAME ?? '';
      case 'registry-password':
        return values['registry-password'] ?? env.REGISTRY_PASSWORD ?? '';
      case 'mode':
        return values.mode ?? (values.repository ? 'commit' : 'workspace');
      case 'dry-run':
        return values['dry-run'] || values.check ? 'true' : 'false';
    }
    const value = flags[name];
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (Array.isArray(value)) return value.join('\n');
    return value ?? '';
  };
  return {
    get,
    lines: (name) => {
      if (name === 'images') return images.length > 1 ? images : [];
      if (name === 'files') return values.files ?? [];
      return get(name)
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    },
    label: (name) =>
      name === 'working-directory' ? '--cwd' : name === 'images' ? '--image' : `--${name}`,
  };
}

/**
 * Says an error the way the CLI's output asks for: a line on stderr, or a JSON object. `written`:
 * what was written before the failure (a pull request opened, then its merge refused).
 */
function reportError(
  io: CliIo,
  json: boolean,
  code: number,
  message: string,
  written?: RemoteOutcome,
): number {
  const text = cliWords(message);
  const before = written && { operation: written.operation, ...remoteJson(written) };
  if (json)
    io.stdout(
      `${JSON.stringify({ error: { message: text, exitCode: code }, ...(before && { written: before }) }, null, 2)}\n`,
    );
  else
    io.stderr(
      `gitops-bump: ${text}\n${code === 2 ? "Try 'gitops-bump --help' for the flags.\n" : ''}${written ? writtenLine(written) : ''}`,
    );
  return code;
}

/** What was written before a failure, as the action's failure summary says it. */
function writtenLine(outcome: RemoteOutcome): string {
  const what = outcome.pull
    ? `pull request #${outcome.pull.number} (${outcome.pull.url})`
    : outcome.commit
      ? `commit ${outcome.commit.oid}`
      : undefined;
  return what ? `Written before the failure: ${what}, operation ${outcome.operation}.\n` : '';
}

function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** Runs the CLI with the given arguments; resolves to the exit status. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const json = argv.includes('--json');
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    return reportError(io, json, 2, messageOf(error).split('. ')[0]!.replace(/\.$/, ''));
  }
  const { values } = args;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    io.stdout(`gitops-bump ${cliVersion()}\n`);
    return 0;
  }
  const usage = usageProblem(values, io.cwd);
  if (usage) return reportError(io, json, 2, usage);
  let settings: Settings;
  try {
    settings = await readSettings(cliInputs(values, env), {
      ...(env.GITHUB_SERVER_URL && { serverUrl: env.GITHUB_SERVER_URL }),
    });
  } catch (error) {
    // readSettings reads no file and asks no server (a version policy only loads its checker):
    // whatever it refuses is a bad flag or flag value.
    return reportError(io, json, 2, messageOf(error));
  }
  try {
    return await runAndReport(settings, values, io, env);
  } catch (error) {
    // A WrittenError carries what was written (checked by shape: the CLI's start-up does not
    // load the pull-request module for it).
    const written = (error as { outcome?: RemoteOutcome } | undefined)?.outcome;
    return reportError(io, json, 1, messageOf(error), written);
  }
}

/** Runs the bump and prints what it did; 3 with --check when a change is needed. */
async function runAndReport(
  settings: Settings,
  values: ReturnType<typeof parse>['values'],
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const quiet = values.json === true;
  const endpoints = endpointsFromEnv({
    ...env,
    ...(values['api-url'] && { GITHUB_API_URL: values['api-url'] }),
    ...(values['graphql-url'] && { GITHUB_GRAPHQL_URL: values['graphql-url'] }),
  });
  // A GitHub run's first request, when the flags decide it, goes out before the GitHub client
  // and the engine load (as the action's does); nothing is sent for flags refused above.
  const early = sendFirstQuestion(settings, endpoints, env);
  if (early) await early.onTheWire();
  const result = await runBump(settings, {
    root: io.cwd,
    endpoints,
    env,
    ...(early && { early }),
    registryLoginHint:
      'run docker login first, or pass --registry-username and --registry-password (or set REGISTRY_USERNAME and REGISTRY_PASSWORD)',
    log: {
      info: (m) => {
        if (!quiet) io.stderr(`${cliWords(m)}\n`);
      },
      warning: (m) => io.stderr(`warning: ${cliWords(m)}\n`),
      debug: () => {},
    },
  });
  const { report, outcome, resolutions } = result;
  for (const o of report.occurrences)
    if (o.verdict?.warning)
      io.stderr(`warning: ${o.file}:${o.line} ${o.image}: ${cliWords(o.verdict.warning)}\n`);
  if (values.json) {
    const body = {
      ...(jsonReport(report, settings.dryRun) as object),
      changed: changedOf(result, settings.dryRun),
      operation: operationOf(result, settings.dryRun),
      ...remoteJson(outcome),
      ...(resolutions && { resolved: resolutions }),
    };
    io.stdout(`${cliWords(JSON.stringify(body, null, 2))}\n`);
  } else {
    if (settings.dryRun && !values.check)
      io.stdout((await import('../engine/diff.js')).unifiedDiff(report));
    io.stdout(cliWords(describeReport(report)));
    if (outcome) io.stdout(describeOutcome(outcome, settings.dryRun));
  }
  if (values.check && report.changed) {
    if (!values.json)
      io.stderr('gitops-bump: --check: a change is needed; run without --check to make it.\n');
    return 3;
  }
  return 0;
}

/** The flags that need a GitHub repository, and those that only pull-request mode uses. */
const REMOTE_FLAGS = [
  'branch',
  'token',
  'git-token',
  'git-token-user',
  'api-url',
  'graphql-url',
  'commit-message',
  'commit-api',
  'max-attempts',
  'request-timeout',
] as const;
const PULL_FLAGS = [
  'merge',
  'merge-method',
  'pr-branch',
  'pr-title',
  'pr-body',
  'pr-labels',
  'pr-reviewers',
  'close-superseded',
  'wait-for-merge',
] as const;

/** A flag that does not apply to the chosen mode, a missing flag, or a --cwd that is no folder. */
function usageProblem(values: ReturnType<typeof parse>['values'], cwd: string): string | undefined {
  if (!values.image?.length) return '--image is required (e.g. --image ghcr.io/org/app:1.4.2).';
  if (!values.files?.length)
    return '--files is required (a path or glob, e.g. --files apps/web/*.yaml).';
  const mode = values.mode ?? (values.repository ? 'commit' : 'workspace');
  const given = (names: readonly string[]) =>
    names.filter((n) => (values as Record<string, unknown>)[n] !== undefined).map((n) => `--${n}`);
  if (mode === 'workspace') {
    if (values.repository)
      return `--repository does not apply to --mode workspace (files on disk); leave out --mode, or --repository.`;
    const remote = given([...REMOTE_FLAGS, ...PULL_FLAGS]);
    if (remote.length)
      return `${remote.join(', ')} ${remote.length === 1 ? 'applies' : 'apply'} to a repository (--repository), not to files on disk; add --repository owner/name, or leave ${remote.length === 1 ? 'it' : 'them'} out.`;
    if (values.cwd !== undefined) {
      const dir = resolve(cwd, values.cwd);
      if (!existsSync(dir)) return `--cwd: '${values.cwd}' does not exist (${dir}).`;
      if (!statSync(dir).isDirectory()) return `--cwd: '${values.cwd}' is a file, not a folder.`;
    }
    return undefined;
  }
  if (values.cwd !== undefined)
    return `--cwd applies to files on disk, not to --repository ${values.repository ?? ''}; leave out one of them.`.replace(
      ' ;',
      ';',
    );
  if (mode !== 'pull-request') {
    const pull = given(PULL_FLAGS);
    if (pull.length)
      return `${pull.join(', ')} ${pull.length === 1 ? 'applies' : 'apply'} to --mode pull-request only (the mode is ${mode}).`;
  }
  return undefined;
}

/** What was written, for --json. */
function remoteJson(outcome: RemoteOutcome | undefined): Record<string, unknown> {
  if (!outcome) return {};
  return {
    branch: outcome.branch,
    ...(outcome.commit && { commit: outcome.commit }),
    ...(outcome.pull && { pullRequest: outcome.pull }),
    ...(outcome.merged !== undefined && { merged: outcome.merged }),
    ...(outcome.mergeCommit && { mergeCommit: outcome.mergeCommit }),
    ...(outcome.superseded?.length && { superseded: outcome.superseded }),
  };
}

/** What was written, as a line or two. */
function describeOutcome(outcome: RemoteOutcome, dryRun: boolean): string {
  // An open PR that already holds the change: say so (the report above lists it as a change).
  const held = !dryRun && outcome.operation === 'none' && outcome.pull && outcome.report.changed;
  const lines = [
    `operation: ${outcome.operation} (${held ? `pull request #${outcome.pull?.number} already holds the change` : outcome.branch})`,
  ];
  if (outcome.pull) lines.push(`pull request #${outcome.pull.number}: ${outcome.pull.url}`);
  if (outcome.commit)
    lines.push(
      `commit ${outcome.commit.oid}${outcome.commit.url ? `: ${outcome.commit.url}` : ''}`,
    );
  return `${lines.join('\n')}\n`;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: OPTIONS,
  });
}
