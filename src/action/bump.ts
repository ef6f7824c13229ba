// The action's bump, once the inputs are good (src/action/main.ts loads it then): settings → run
// the bump (src/run/run.ts) → outputs and job summary. A run refused at its inputs never loads
// this, nor the engine, the YAML library or semver that it needs.
import * as core from '@actions/core';
import { type BumpReport, type FileMissed, MissedPlacesError } from '../engine/bump-files.js';
import { WrittenError } from '../run/pull-lifecycle.js';
import type { FlowLog, RemoteOutcome } from '../run/remote.js';
import { runBump } from '../run/run.js';
import type { Settings } from '../run/settings.js';
import { safeUrl } from '../stores/git/url.js';
import { endpointsFromEnv } from '../stores/github/endpoints.js';
import { readSettings } from './inputs.js';
import { outputsOf, setOutputs, writeSummary } from './outputs.js';
import type { Started } from './start.js';

function logReport(report: BumpReport): void {
  for (const o of report.occurrences) {
    const what =
      o.verdict?.decision === 'skipped'
        ? `${o.from || '(none)'} -> ${o.to} refused`
        : o.changed
          ? `${o.from || '(none)'} -> ${o.to}`
          : `${o.to} (already)`;
    core.info(`${o.file}:${o.line} ${o.image} ${what}`);
  }
  for (const s of report.skipped)
    if (s.filtered) core.info(`${s.file}:${s.line} ${s.image} skipped: ${s.reason}`);
  annotateMissed(report.missed);
  for (const o of report.occurrences) {
    if (o.verdict?.decision === 'skipped')
      core.warning(`${o.file}:${o.line} ${o.image} not bumped: ${o.verdict.reason}`);
    else if (o.verdict?.warning)
      core.warning(`${o.file}:${o.line} ${o.image}: ${o.verdict.warning}`);
  }
}

/** Every missed place (skipped matches included) as a warning annotation on its line. */
function annotateMissed(missed: readonly FileMissed[]): void {
  for (const m of missed)
    core.warning(`${m.image} not bumped here: ${m.reason}`, {
      title: 'gitops-bump: missed place',
      file: m.file,
      startLine: m.line,
    });
}

function describe(settings: Settings): string {
  const remote = settings.remote;
  if (!remote) return `workspace mode in ${settings.workingDirectory}`;
  if (remote.kind === 'git')
    return `commit and push to ${safeUrl(remote.url)}@${remote.branch ?? '(default branch)'}`;
  return `${remote.mode} in ${remote.repo.owner}/${remote.repo.name}@${remote.branch ?? '(default branch)'}${remote.mode === 'pull-request' ? ` through ${remote.prBranch}, merge ${remote.merge} (${remote.mergeMethod})` : ''}`;
}

function repositoryOf(settings: Settings): string | undefined {
  const remote = settings.remote;
  if (!remote) return undefined;
  return remote.kind === 'git' ? safeUrl(remote.url) : `${remote.repo.owner}/${remote.repo.name}`;
}

/** The action's log: @actions/core's, with one group per phase (src/action/main.ts). */
export interface ActionLog extends FlowLog {
  debug(message: string): void;
  phase(title: string): void;
  /** Closes the open group, if any. */
  close(): void;
}

/**
 * Bumps with the inputs start() accepted (or reads them, when @github/local-action calls run()
 * without a start), then sets the outputs and writes the summary. What fails is thrown for run()
 * to report, after the outputs of what was written before the failure are set (writtenOutcome).
 */
export async function bump(started: Started, log: ActionLog): Promise<void> {
  const settings = started.settings ?? (await readSettings());
  try {
    for (const b of settings.bumps)
      core.info(
        `image ${b.image.name} -> ${b.tag ?? (b.digest ? '' : '(the newest tag in the registry)')}${b.digest ? `@${b.digest}` : ''}`,
      );
    core.info(describe(settings));

    const env = process.env;
    const runUrl =
      env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined;
    const { report, outcome, bumps, resolutions } = await runBump(settings, {
      root: env.GITHUB_WORKSPACE ?? process.cwd(),
      endpoints: endpointsFromEnv(env),
      ...(env.GITHUB_REPOSITORY && { workflowRepository: env.GITHUB_REPOSITORY }),
      ...(runUrl && { runUrl }),
      ...(env.RUNNER_TEMP && { tempDir: env.RUNNER_TEMP }),
      log,
      mask: (secret) => core.setSecret(secret),
      ...(started.early && { early: started.early }),
    });

    log.phase('Outputs');
    logReport(report);
    if (settings.dryRun && report.changed)
      core.info((await import('../engine/diff.js')).unifiedDiff(report));
    setOutputs(
      outputsOf(
        report,
        bumps.length ? bumps : settings.bumps,
        outcome,
        settings.dryRun,
        resolutions,
      ),
    );
    log.close();
    await writeSummary(report, settings.dryRun, outcome, repositoryOf(settings), resolutions);
  } catch (error) {
    log.close();
    // Something was written before the failure (a PR opened, then a merge refused): say what.
    const outcome = writtenOutcome(error);
    if (outcome) setOutputs(outputsOf(outcome.report, settings.bumps, outcome));
    // on-missed: fail names each place in the message; each also gets its annotation.
    if (error instanceof MissedPlacesError) annotateMissed(error.places);
    throw error;
  }
}

/** What a failed run wrote before it failed (a PR opened, then a merge refused), if anything. */
export function writtenOutcome(error: unknown): RemoteOutcome | undefined {
  return error instanceof WrittenError ? error.outcome : undefined;
}
