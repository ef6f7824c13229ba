// The action's outputs and job summary, gathered in one place and set once at the end.
import * as core from '@actions/core';
import type { BumpReport } from '../engine/bump-files.js';
import type { Bump } from '../engine/types.js';
import type { ImageResolution } from '../registry/resolve.js';
import type { RemoteOutcome } from '../run/remote.js';

/** The action's output names, as action.yml declares them. */
export enum Outputs {
  Changed = 'changed',
  Operation = 'operation',
  CommitSha = 'commit-sha',
  CommitUrl = 'commit-url',
  PrNumber = 'pr-number',
  PrUrl = 'pr-url',
  Branch = 'branch',
  Files = 'files',
  Changes = 'changes',
  Results = 'results',
  Image = 'image',
  Tag = 'tag',
  PreviousTag = 'previous-tag',
  Resolved = 'resolved',
}

/** Computes every output from the report and, for a GitHub write, from what was written. */
export function outputsOf(
  report: BumpReport,
  bumps: readonly Bump[],
  outcome?: RemoteOutcome,
  dryRun = false,
  resolutions: readonly ImageResolution[] = [],
): Map<Outputs, string> {
  const first = bumps[0]!;
  const changes = report.occurrences.filter((o) => o.changed);
  const previous =
    changes.find((o) => o.image === first.image.name) ??
    report.occurrences.find((o) => o.image === first.image.name);
  const outputs = new Map<Outputs, string>();
  // `changed`: this run changed the files (a dry run: would change them). A rerun that finds its
  // pull request already holding the change wrote nothing, so it reports false.
  const changed =
    dryRun || !outcome
      ? report.changed
      : outcome.operation !== 'none' && outcome.commit !== undefined;
  outputs.set(Outputs.Changed, String(changed));
  outputs.set(Outputs.Operation, outcome?.operation ?? 'none');
  outputs.set(Outputs.CommitSha, outcome?.commit?.oid ?? '');
  outputs.set(Outputs.CommitUrl, outcome?.commit?.url ?? '');
  outputs.set(Outputs.PrNumber, outcome?.pull ? String(outcome.pull.number) : '');
  outputs.set(Outputs.PrUrl, outcome?.pull?.url ?? '');
  outputs.set(Outputs.Branch, outcome?.branch ?? '');
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
  outputs.set(Outputs.Results, JSON.stringify(resultsOf(report)));
  outputs.set(Outputs.Image, first.image.name);
  outputs.set(Outputs.Tag, first.tag ?? first.digest ?? '');
  outputs.set(Outputs.PreviousTag, previous?.from ?? '');
  outputs.set(Outputs.Resolved, JSON.stringify(resolutions));
  return outputs;
}

/** One entry per occurrence: what was decided and why. */
export function resultsOf(report: BumpReport): Array<Record<string, string | number>> {
  const results: Array<Record<string, string | number>> = report.occurrences.map((o) => ({
    file: o.file,
    line: o.line,
    image: o.image,
    from: o.from,
    to: o.to,
    decision: o.verdict?.decision ?? (o.changed ? 'bumped' : 'unchanged'),
    reason: o.verdict?.reason ?? (o.changed ? 'bumped' : 'already there'),
  }));
  // Missed places: named the image, not bumped (decision `missed`, with why).
  for (const m of report.missed)
    results.push({
      file: m.file,
      line: m.line,
      image: m.image,
      decision: 'missed',
      reason: m.reason,
    });
  return results;
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

const TITLES: Record<RemoteOutcome['operation'], string> = {
  committed: 'committed',
  'pr-created': 'pull request opened',
  'pr-updated': 'pull request updated',
  'pr-merged': 'pull request merged',
  'auto-merge-enabled': 'pull request opened, auto-merge enabled',
  none: 'nothing to change',
};

/** Writes the job summary: what was done, with links, and a table of file, image, old → new. */
export async function writeSummary(
  report: BumpReport,
  dryRun: boolean,
  outcome?: RemoteOutcome,
  repository?: string,
  resolutions: readonly ImageResolution[] = [],
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const rows = report.occurrences.map(
    (o) =>
      `| ${cell(`${o.file}:${o.line}`)} | ${cell(o.image)} | ${cell(o.from || '(none)')} → ${cell(o.to)} | ${o.verdict?.decision === 'skipped' ? `not bumped: ${cell(o.verdict.reason)}` : o.changed ? (dryRun ? 'would change' : 'changed') : 'already there'} |`,
  );
  for (const m of report.missed)
    rows.push(
      `| ${cell(`${m.file}:${m.line}`)} | ${cell(m.image)} | | missed: ${cell(m.reason)} |`,
    );
  const where = repository ? ` in ${repository}${outcome ? `@${outcome.base}` : ''}` : '';
  let title: string;
  if (dryRun)
    title = report.changed ? `dry run: changes to make${where}` : `nothing to change${where}`;
  else if (outcome) title = `${TITLES[outcome.operation]}${where}`;
  else title = report.changed ? 'bumped' : 'nothing to change';
  const links: string[] = [];
  if (outcome?.pull) links.push(`Pull request: [#${outcome.pull.number}](${outcome.pull.url})`);
  if (outcome?.commit?.url)
    links.push(`Commit: [${outcome.commit.oid.slice(0, 7)}](${outcome.commit.url})`);
  const text = [
    `### gitops-bump: ${title}`,
    '',
    ...(links.length ? [links.join(' · '), ''] : []),
    '| file | image | version | |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    ...registryRows(resolutions),
  ].join('\n');
  await core.summary.addRaw(text, true).write();
}

/** The registry's answers, per image: the tag chosen or checked, and why the others were not. */
function registryRows(resolutions: readonly ImageResolution[]): string[] {
  if (resolutions.length === 0) return [];
  return [
    '| image | from the registry | why | not chosen |',
    '| --- | --- | --- | --- |',
    ...resolutions.map(
      (r) =>
        `| ${cell(r.image)} | ${cell(r.tag === undefined ? 'left alone' : `${r.tag}${r.digest ? `@${r.digest}` : ''}`)} | ${cell(r.reason)} | ${cell(r.rejected.map((g) => `${g.reason}: ${g.count}`).join('; '))} |`,
    ),
    '',
  ];
}
