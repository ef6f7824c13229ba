// The action's outputs and job summary, gathered in one place and set once at the end.
import * as core from '@actions/core';
import type { BumpReport } from '../core/bump-files.js';
import type { Bump } from '../engine/types.js';

/** The action's output names, as action.yml declares them. */
export enum Outputs {
  Changed = 'changed',
  Files = 'files',
  Changes = 'changes',
  Image = 'image',
  Tag = 'tag',
  PreviousTag = 'previous-tag',
}

/** Computes every output from the report. */
export function outputsOf(report: BumpReport, bumps: readonly Bump[]): Map<Outputs, string> {
  const first = bumps[0]!;
  const changes = report.occurrences.filter((o) => o.changed);
  const previous =
    changes.find((o) => o.image === first.image.name) ??
    report.occurrences.find((o) => o.image === first.image.name);
  const outputs = new Map<Outputs, string>();
  outputs.set(Outputs.Changed, String(report.changed));
  outputs.set(
    Outputs.Files,
    JSON.stringify(report.files.filter((f) => f.changed).map((f) => f.path)),
  );
  outputs.set(
    Outputs.Changes,
    JSON.stringify(
      changes.map((o) => ({ file: o.file, line: o.line, image: o.image, from: o.from, to: o.to })),
    ),
  );
  outputs.set(Outputs.Image, first.image.name);
  outputs.set(Outputs.Tag, first.tag ?? first.digest ?? '');
  outputs.set(Outputs.PreviousTag, previous?.from ?? '');
  return outputs;
}

/** Logs and sets every output. */
export function setOutputs(outputs: Map<Outputs, string>): void {
  for (const [name, value] of outputs) {
    core.info(`${name} = ${value}`);
    core.setOutput(name, value);
  }
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Writes the job summary: a table of file, image, old → new. */
export async function writeSummary(report: BumpReport, dryRun: boolean): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const rows = report.occurrences.map(
    (o) =>
      `| ${cell(`${o.file}:${o.line}`)} | ${cell(o.image)} | ${cell(o.from || '(none)')} → ${cell(o.to)} | ${o.changed ? (dryRun ? 'would change' : 'changed') : 'already there'} |`,
  );
  const title = report.changed
    ? dryRun
      ? 'gitops-bump (dry run): changes to make'
      : 'gitops-bump: bumped'
    : 'gitops-bump: nothing to change';
  const text = [
    `### ${title}`,
    '',
    '| file | image | version | |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  await core.summary.addRaw(text, true).write();
}
