// The job summary's file and the summary of a failed run. Apart from outputs.ts (which needs the
// engine's report) so that a run refused at its inputs reports the failure without loading the
// engine, the YAML library or semver (src/action/main.ts).
import { appendFileSync } from 'node:fs';
import type { RemoteOutcome } from '../run/remote.js';

/** Links to what a run wrote: the pull request, the commit, the merge commit, superseded PRs. */
export function summaryLinks(outcome: RemoteOutcome | undefined): string[] {
  const links: string[] = [];
  if (outcome?.pull) links.push(`Pull request: [#${outcome.pull.number}](${outcome.pull.url})`);
  if (outcome?.commit?.url)
    links.push(`Commit: [${outcome.commit.oid.slice(0, 7)}](${outcome.commit.url})`);
  if (outcome?.mergeCommit?.url && outcome.mergeCommit.oid !== outcome.commit?.oid)
    links.push(
      `Merge commit: [${outcome.mergeCommit.oid.slice(0, 7)}](${outcome.mergeCommit.url})`,
    );
  if (outcome?.superseded?.length)
    links.push(`Superseded: ${outcome.superseded.map((n) => `#${n}`).join(', ')}`);
  return links;
}

/**
 * Appends Markdown to the job summary, the file the runner names in GITHUB_STEP_SUMMARY (what
 * @actions/core's summary.write() appends to). Written at once: summary.write() goes through
 * fs.promises, and that one append is the run's only use of libuv's thread pool, which it
 * starts: about 2.5 ms of a workspace bump's 50.
 */
export function appendSummary(text: string): void {
  const path = process.env.GITHUB_STEP_SUMMARY;
  if (!path) return;
  try {
    appendFileSync(path, `${text}\n`, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(
      `Unable to write the job summary to GITHUB_STEP_SUMMARY='${path}' (${why}). Check that the file can be written.`,
    );
  }
}

/**
 * The job summary of a failed run: what failed, the fix (the message says it), and what was
 * and was not written.
 */
export async function writeFailureSummary(message: string, outcome?: RemoteOutcome): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const links = summaryLinks(outcome);
  const written = outcome?.pull
    ? outcome.operation === 'pr-closed'
      ? `Closed before the failure: pull request #${outcome.pull.number}; nothing was merged.`
      : `Written before the failure: pull request #${outcome.pull.number}${outcome.commit ? ` (commit ${outcome.commit.oid.slice(0, 7)})` : ''}.`
    : outcome?.commit
      ? `Written before the failure: commit ${outcome.commit.oid.slice(0, 7)}.`
      : 'Nothing was written.';
  const text = [
    '### gitops-bump: failed',
    '',
    ...(links.length ? [links.join(' · '), ''] : []),
    '```text',
    message.replace(/```/g, "'''"),
    '```',
    '',
    written,
    '',
  ].join('\n');
  appendSummary(text);
}
