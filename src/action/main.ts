// The action door: inputs → settings → read the files → edit (core) → write → outputs.
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { editWorkspace, writeChanged } from '../local/workspace.js';
import { readSettings } from './inputs.js';
import { outputsOf, setOutputs, writeSummary } from './outputs.js';

/** Runs the action; the one place that turns a thrown error into a failed step. */
export async function run(): Promise<void> {
  try {
    core.startGroup('Inputs');
    const settings = readSettings();
    for (const bump of settings.bumps)
      core.info(
        `image ${bump.image.name} -> ${bump.tag ?? ''}${bump.digest ? `@${bump.digest}` : ''}`,
      );
    core.endGroup();

    core.startGroup('Read and edit the files');
    const root = resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), settings.workingDirectory);
    const report = editWorkspace(root, settings.files, settings.bumps, {
      ...(settings.container !== undefined && { container: settings.container }),
      pinDigest: settings.pinDigest,
    });
    for (const o of report.occurrences)
      core.info(
        `${o.file}:${o.line} ${o.image} ${o.changed ? `${o.from || '(none)'} -> ${o.to}` : `${o.to} (already)`}`,
      );
    for (const s of report.skipped)
      core.warning(`${s.file}:${s.line} ${s.image} skipped: ${s.reason}`);
    core.endGroup();

    core.startGroup(settings.dryRun ? 'Write (dry run: nothing written)' : 'Write');
    if (!settings.dryRun) writeChanged(root, report);
    core.endGroup();

    setOutputs(outputsOf(report, settings.bumps));
    await writeSummary(report, settings.dryRun);
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : `gitops-bump failed: ${String(error)}`);
  }
}
