// The action door: inputs → settings → read the files → edit (core) → write → outputs.
import { resolve } from 'node:path';
import * as core from '@actions/core';
import type { BumpReport } from '../core/bump-files.js';
import { unifiedDiff } from '../core/diff.js';
import { bumpRemote, type FlowLog, type RemoteOutcome } from '../core/remote.js';
import { GitHubApi } from '../github/api.js';
import { createOctokit, endpointsFromEnv } from '../github/octokit.js';
import { editWorkspace, writeChanged } from '../local/workspace.js';
import { type RemoteSettings, readSettings, type Settings } from './inputs.js';
import { outputsOf, setOutputs, writeSummary } from './outputs.js';

/** Opens one log group per phase, closing the previous one. */
function groupedLog(): FlowLog & { close(): void } {
  let open = false;
  const close = () => {
    if (open) core.endGroup();
    open = false;
  };
  return {
    info: (m) => core.info(m),
    warning: (m) => core.warning(m),
    phase: (title) => {
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
    core.warning(`${s.file}:${s.line} ${s.image} skipped: ${s.reason}`);
  for (const o of report.occurrences) {
    if (o.verdict?.decision === 'skipped')
      core.warning(`${o.file}:${o.line} ${o.image} not bumped: ${o.verdict.reason}`);
    else if (o.verdict?.warning)
      core.warning(`${o.file}:${o.line} ${o.image}: ${o.verdict.warning}`);
  }
}

async function runRemote(settings: Settings, remote: RemoteSettings): Promise<RemoteOutcome> {
  const log = groupedLog();
  try {
    const endpoints = endpointsFromEnv();
    const octokit = createOctokit({
      ...endpoints,
      token: remote.token,
      timeoutMs: remote.timeoutMs,
      log: { debug: (m) => core.debug(m), warning: (m) => core.warning(m) },
    });
    const github = new GitHubApi(octokit, endpoints.graphqlUrl, process.env.GITHUB_REPOSITORY);
    const server = process.env.GITHUB_SERVER_URL;
    const runUrl =
      server && process.env.GITHUB_REPOSITORY && process.env.GITHUB_RUN_ID
        ? `${server}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}`
        : undefined;
    const outcome = await bumpRemote(
      github,
      {
        repo: remote.repo,
        ...(remote.branch !== undefined && { branch: remote.branch }),
        files: settings.files,
        bumps: settings.bumps,
        options: {
          ...(settings.container !== undefined && { container: settings.container }),
          pinDigest: settings.pinDigest,
          policy: settings.policy,
          onViolation: settings.onViolation,
        },
        mode: remote.mode,
        commitApi: remote.commitApi,
        merge: remote.merge,
        mergeMethod: remote.mergeMethod,
        prBranch: remote.prBranch,
        prTitle: remote.prTitle,
        prBody: remote.prBody,
        prLabels: remote.prLabels,
        prReviewers: remote.prReviewers,
        commitMessage: remote.commitMessage,
        maxAttempts: remote.maxAttempts,
        dryRun: settings.dryRun,
        ...(runUrl && { runUrl }),
      },
      {
        info: (m) => log.info(m),
        warning: (m) => log.warning(m),
        phase: (title) => {
          log.phase?.(title);
        },
      },
    );
    return outcome;
  } finally {
    log.close();
  }
}

/** Runs the action; the one place that turns a thrown error into a failed step. */
export async function run(): Promise<void> {
  try {
    core.startGroup('Inputs');
    const settings = readSettings();
    for (const bump of settings.bumps)
      core.info(
        `image ${bump.image.name} -> ${bump.tag ?? ''}${bump.digest ? `@${bump.digest}` : ''}`,
      );
    if (settings.remote) {
      const r = settings.remote;
      core.info(
        `${r.mode} in ${r.repo.owner}/${r.repo.name}@${r.branch ?? '(default branch)'}${r.mode === 'pull-request' ? ` through ${r.prBranch}, merge ${r.merge} (${r.mergeMethod})` : ''}`,
      );
    }
    core.endGroup();

    let report: BumpReport;
    let outcome: RemoteOutcome | undefined;
    if (settings.remote) {
      outcome = await runRemote(settings, settings.remote);
      report = outcome.report;
    } else {
      core.startGroup('Read and edit the files');
      const root = resolve(
        process.env.GITHUB_WORKSPACE ?? process.cwd(),
        settings.workingDirectory,
      );
      report = editWorkspace(root, settings.files, settings.bumps, {
        ...(settings.container !== undefined && { container: settings.container }),
        pinDigest: settings.pinDigest,
        policy: settings.policy,
        onViolation: settings.onViolation,
      });
      core.endGroup();
      core.startGroup(settings.dryRun ? 'Write (dry run: nothing written)' : 'Write');
      if (!settings.dryRun) writeChanged(root, report);
      core.endGroup();
    }

    core.startGroup('Outputs');
    logReport(report);
    if (settings.dryRun && report.changed) core.info(unifiedDiff(report));
    setOutputs(outputsOf(report, settings.bumps, outcome, settings.dryRun));
    core.endGroup();
    const repository = settings.remote
      ? `${settings.remote.repo.owner}/${settings.remote.repo.name}`
      : undefined;
    await writeSummary(report, settings.dryRun, outcome, repository);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : `gitops-bump failed: ${String(error)}`);
  }
}
