// The first question a GitHub run asks (the snapshot query of the files it names, and in
// pull-request mode the pull-request branch, labels and reviewers; the tree's listing when a glob
// names the files), when the settings alone decide it: no registry to ask first. The commit and
// pull-request flows (remote.ts) ask exactly this; the action's entry and the CLI send it early
// (sendFirstQuestion), before the rest loads, so that the network wait and the loading overlap.
import { type FileSpec, type FileTarget, includedTargets } from '../engine/file-specs.js';
import { needsRegistry } from '../registry/needs.js';
import { type EarlyQuestion, EarlyRead } from '../stores/github/early-read.js';
import type { Endpoints } from '../stores/github/endpoints.js';
import type { SnapshotQuery } from '../stores/github/port.js';
import { proxyConfigured } from '../stores/github/undici-load.js';
import type { GitHubSettings, Settings } from './settings.js';

/** What the pull-request flow's read asks besides the files: the flow and the start share it. */
export function pullReadQuery(
  pull: Pick<GitHubSettings, 'prBranch' | 'prLabels' | 'prReviewers' | 'closeSuperseded'>,
  dryRun: boolean,
): Pick<SnapshotQuery, 'prBranch' | 'labels' | 'users' | 'bumpPulls'> {
  return {
    prBranch: pull.prBranch,
    labels: pull.prLabels,
    // Teams (org/team) are looked up when they are requested, not in the read.
    users: pull.prReviewers.filter((r) => !r.includes('/')),
    ...(pull.closeSuperseded && !dryRun && { bumpPulls: true }),
  };
}

/** The paths the specs name without a glob: each pattern, and the literal of a `file#key`. */
export function namedPaths(specs: readonly FileSpec[]): string[] {
  const paths = new Set<string>();
  for (const spec of specs.filter((s) => !s.isGlob && !s.exclude)) {
    paths.add(spec.pattern);
    if (spec.keyPath) paths.add(spec.literal);
  }
  return [...paths];
}

/** What a round reads: the targets, and the literal of each `file#key` (a name with a '#'). */
export function readPaths(targets: readonly FileTarget[], specs: readonly FileSpec[]): string[] {
  const paths = new Set(targets.map((t) => t.path));
  for (const spec of specs) if (spec.keyPath && !spec.isGlob) paths.add(spec.literal);
  return [...paths];
}

/**
 * A GitHub run's first question, when the settings alone decide it (no registry to ask first):
 * the snapshot of the files it names or, when a glob names them, the listing of the branch's
 * tree (remote.ts, resolveTargets). Undefined otherwise.
 */
export function firstQuestion(settings: Settings): EarlyQuestion | undefined {
  const remote = settings.remote;
  if (remote?.kind !== 'github') return undefined;
  const registry = {
    verify: settings.registry.verify,
    resolveDigest: settings.registry.resolveDigest,
  };
  if (needsRegistry(settings.bumps, registry)) return undefined;
  if (settings.files.some((s) => s.isGlob && !s.exclude))
    return { kind: 'tree', repo: remote.repo, ref: remote.branch ?? 'HEAD' };
  // `!` lines are matched with picomatch, which loads with the rest of the run: such a run reads
  // when it gets there.
  if (settings.files.some((s) => s.exclude)) return undefined;
  let targets: FileTarget[];
  try {
    // What the flow's expandFileSpecs gives for these lines (remote.ts, resolveTargets).
    targets = includedTargets(settings.files, namedPaths(settings.files));
  } catch {
    return undefined; // the flow reports it, in its own words
  }
  const where = {
    repo: remote.repo,
    ...(remote.branch !== undefined && { branch: remote.branch }),
    paths: readPaths(targets, settings.files),
  };
  // The commit flow also asks the token's request count (retry.ts).
  const query: SnapshotQuery =
    remote.mode === 'commit'
      ? { ...where, usage: true }
      : { ...where, ...pullReadQuery(remote, settings.dryRun) };
  return { kind: 'snapshot', query };
}

/**
 * Sends the run's first question now, when it is known (`firstQuestion`) and no proxy is
 * configured (through one, the client's own fetch takes the proxy's way); else undefined. The
 * action's start and the CLI call it once the settings are read, then hand the result to runBump.
 */
export function sendFirstQuestion(
  settings: Settings,
  endpoints: Endpoints,
  env: NodeJS.ProcessEnv = process.env,
): EarlyRead | undefined {
  const remote = settings.remote;
  const question = firstQuestion(settings);
  if (!question || remote?.kind !== 'github' || proxyConfigured(env)) return undefined;
  return EarlyRead.send(
    { ...endpoints, token: remote.token, timeoutMs: remote.timeoutMs },
    question,
  );
}
