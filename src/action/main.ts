// The action door: inputs → settings → run the bump (core) → outputs and job summary.
import * as core from '@actions/core';
import { type BumpReport, type FileMissed, MissedPlacesError } from '../engine/bump-files.js';
import { WrittenError } from '../run/pull-lifecycle.js';
import { runBump } from '../run/run.js';
import type { Settings } from '../run/settings.js';
import { safeUrl } from '../stores/git/url.js';
import { endpointsFromEnv } from '../stores/github/endpoints.js';
import { readSettings, secretWords } from './inputs.js';
import { outputsOf, setOutputs, writeFailureSummary, writeSummary } from './outputs.js';
import type { Started } from './start.js';

/** Opens one log group per phase, closing the previous one. */
function groupedLog() {
  let open = false;
  const close = () => {
    if (open) core.endGroup();
    open = false;
  };
  return {
    info: (m: string) => core.info(m),
    warning: (m: string) => core.warning(m),
    debug: (m: string) => core.debug(m),
    phase: (title: string) => {
      close();
      core.startGroup(title);
      open = true;
    },
    close,
  };
}

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

/** Runs the action; the one place that turns a thrown error into a failed step. */
export async function run(started: Started = {}): Promise<void> {
  // Mask the secrets before anything is printed.
  for (const word of secretWords()) core.setSecret(word);
  const log = groupedLog();
  let settings: Settings | undefined;
  try {
    log.phase('Inputs');
    if (started.error) throw started.error;
    settings = started.settings ?? (await readSettings());
    for (const bump of settings.bumps)
      core.info(
        `image ${bump.image.name} -> ${bump.tag ?? (bump.digest ? '' : '(the newest tag in the registry)')}${bump.digest ? `@${bump.digest}` : ''}`,
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
    const message = error instanceof Error ? error.message : `gitops-bump failed: ${String(error)}`;
    // Something was written before the failure (a PR opened, then a merge refused): say what.
    const outcome = error instanceof WrittenError ? error.outcome : undefined;
    if (outcome && settings) setOutputs(outputsOf(outcome.report, settings.bumps, outcome));
    // Nothing written: `changed` says false (action.yml), for steps that run after a failure.
    else core.setOutput('changed', 'false');
    // on-missed: fail names each place in the message; each also gets its annotation.
    if (error instanceof MissedPlacesError) annotateMissed(error.places);
    core.setFailed(message);
    await writeFailureSummary(message, outcome).catch(() => undefined);
  }
}
