// The action's outputs and job summary, gathered in one place and set once at the end.
import { EOL } from 'node:os';
import * as core from '@actions/core';
import { type BumpReport, refusedOccurrences } from '../engine/bump-files.js';
import type { Bump } from '../engine/types.js';
import type { ImageResolution } from '../registry/resolve.js';
import type { Operation, RemoteOutcome } from '../run/remote.js';
import { changedOf, operationOf } from '../run/run.js';
import { appendSummary, summaryLinks } from './summary.js';

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
  Merged = 'merged',
  MergeCommitSha = 'merge-commit-sha',
  Superseded = 'superseded',
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
  const changes = report.occurrences.filter((o) => o.changed);
  // The first image that was bumped (action.yml), else the first image asked for.
  const first = bumps.find((b) => changes.some((o) => o.image === b.image.name)) ?? bumps[0]!;
  const previous =
    changes.find((o) => o.image === first.image.name) ??
    report.occurrences.find((o) => o.image === first.image.name);
  const outputs = new Map<Outputs, string>();
  // `changed`: this run changed the files (a dry run: would change them). A rerun that finds its
  // pull request already holding the change wrote nothing, so it reports false.
  const changed = changedOf({ report, ...(outcome && { outcome }) }, dryRun);
  outputs.set(Outputs.Changed, String(changed));
  outputs.set(Outputs.Operation, operationOf({ report, ...(outcome && { outcome }) }, dryRun));
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
  // Nothing written: tag and previous-tag both say what is deployed, not the refused request.
  const deployed = changed ? undefined : (previous?.from ?? '');
  outputs.set(Outputs.Tag, deployed ?? first.tag ?? first.digest ?? '');
  outputs.set(Outputs.PreviousTag, previous?.from ?? '');
  outputs.set(Outputs.Merged, outcome?.merged === undefined ? '' : String(outcome.merged));
  outputs.set(Outputs.MergeCommitSha, outcome?.mergeCommit?.oid ?? '');
  outputs.set(Outputs.Superseded, JSON.stringify(outcome?.superseded ?? []));
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

/** Logs every output (one write of all the lines: a run's last steps wait on each) and sets it. */
export function setOutputs(outputs: Map<Outputs, string>): void {
  core.info([...outputs].map(([name, value]) => `${name} = ${value}`).join(EOL));
  for (const [name, value] of outputs) core.setOutput(name, value);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

const TITLES: Record<Operation, string> = {
  committed: 'committed',
  'pr-created': 'pull request opened',
  'pr-updated': 'pull request updated',
  'pr-merged': 'pull request merged',
  'auto-merge-enabled': 'pull request opened, auto-merge enabled',
  'pr-closed': 'pull request closed',
  refused: 'refused by policy',
  written: 'files written',
  none: 'nothing to change',
};

/** The open pull request that already held the change (nothing written), if that is the case. */
function heldBy(outcome: RemoteOutcome | undefined, dryRun: boolean): number | undefined {
  if (dryRun || !outcome?.pull || outcome.operation !== 'none') return undefined;
  return outcome.report.changed && !outcome.commit ? outcome.pull.number : undefined;
}

/** The result column of one place; `held`: the open PR that already holds the change. */
function placeResult(o: BumpReport['occurrences'][number], dryRun: boolean, held?: number): string {
  if (o.verdict?.decision === 'skipped') return `refused by policy: ${cell(o.verdict.reason)}`;
  if (o.changed && held !== undefined) return `in pull request #${held}`;
  if (o.changed) return dryRun ? 'would change' : 'changed';
  return 'already there';
}

function summaryTitle(
  report: BumpReport,
  dryRun: boolean,
  outcome: RemoteOutcome | undefined,
  where: string,
): string {
  const refused = refusedOccurrences(report).length > 0;
  if (dryRun) {
    if (report.changed) return `dry run: changes to make${where}`;
    return refused ? `dry run: refused by policy${where}` : `nothing to change${where}`;
  }
  const operation = operationOf({ report, ...(outcome && { outcome }) }, dryRun);
  const held = heldBy(outcome, dryRun);
  if (held !== undefined) return `pull request #${held} already holds the change${where}`;
  if (operation === 'pr-closed' && refused) return `refused by policy, pull request closed${where}`;
  if (operation === 'pr-closed') return `already deployed, pull request closed${where}`;
  return `${TITLES[operation]}${where}`;
}

/** The table of places: every column has a header. */
function placesTable(report: BumpReport, dryRun: boolean, outcome?: RemoteOutcome): string[] {
  const held = heldBy(outcome, dryRun);
  return [
    '| place | image | from → to | result |',
    '| --- | --- | --- | --- |',
    ...report.occurrences.map(
      (o) =>
        `| ${cell(`${o.file}:${o.line}`)} | ${cell(o.image)} | ${cell(o.from || '(none)')} → ${cell(o.to)} | ${placeResult(o, dryRun, held)} |`,
    ),
    ...report.missed.map(
      (m) => `| ${cell(`${m.file}:${m.line}`)} | ${cell(m.image)} | | missed: ${cell(m.reason)} |`,
    ),
  ];
}

/** Writes the job summary: what was done, with links, and a table of file, image, old → new. */
export async function writeSummary(
  report: BumpReport,
  dryRun: boolean,
  outcome?: RemoteOutcome,
  repository?: string,
  resolutions: readonly ImageResolution[] = [],
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const where = repository ? ` in ${repository}${outcome ? `@${outcome.base}` : ''}` : '';
  const links = summaryLinks(outcome);
  const refused = refusedOccurrences(report);
  // Loaded only for a dry run's diff, as the log's diff is (start-up stays small).
  const diff =
    dryRun && report.changed ? (await import('../engine/diff.js')).unifiedDiff(report) : '';
  const text = [
    `### gitops-bump: ${summaryTitle(report, dryRun, outcome, where)}`,
    '',
    ...(links.length ? [links.join(' · '), ''] : []),
    ...placesTable(report, dryRun, outcome),
    '',
    ...(refused.length
      ? [
          `The version policy refused ${refused.length === 1 ? 'one place' : `${refused.length} places`}, judged against what the branch holds; ${refused.length === 1 ? 'it was' : 'they were'} not written.`,
          '',
        ]
      : []),
    ...(dryRun && report.changed
      ? [
          '<details><summary>Diff (dry run: nothing written)</summary>',
          '',
          '```diff',
          diff.trimEnd(),
          '```',
          '',
          '</details>',
          '',
        ]
      : []),
    ...registryRows(resolutions),
  ].join('\n');
  appendSummary(text);
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
