// The core both doors share (the action and the CLI): runs the engine over every target file,
// checks that every image was found somewhere, and gathers the missed places (on-missed). Pure: files come in as text, results go out.
import { editText, listImages } from './edit-file.js';
import type { FileTarget } from './file-specs.js';
import { formatReference } from './image-ref.js';
import type { TextEdit } from './scalar.js';
import { changesText } from './segment.js';
import type { Bump, EditOptions, MissedPlace, Occurrence, Skipped } from './types.js';

/** A file's path and text, as read from disk or from GitHub. */
export interface SourceFile {
  path: string;
  text: string;
}

/** What happened to one file. */
export interface FileOutcome {
  path: string;
  before: string;
  after: string;
  /** The edits that make `after` of `before` (sorted, not overlapping). */
  edits: TextEdit[];
  changed: boolean;
}

/** An occurrence with the file it is in. */
export type FileOccurrence = Occurrence & { file: string };
/** A skipped match with the file it is in. */
export type FileSkipped = Skipped & { file: string };
/** A missed place (a skipped match, or a line naming the image that was not bumped). */
export type FileMissed = MissedPlace & { file: string };

/** The result of a bump over all files. */
export interface BumpReport {
  files: FileOutcome[];
  occurrences: FileOccurrence[];
  skipped: FileSkipped[];
  /**
   * Every place that names a bumped image and was not bumped, with why: the skipped matches
   * and the lines the engine did not recognise (never a silent miss). Sorted by file and line.
   */
  missed: FileMissed[];
  /** True when at least one file changed. */
  changed: boolean;
}

/** Options shared by every file. */
export type BumpOptions = Omit<EditOptions, 'keyPaths'> & {
  /** What a version-policy refusal does: `skip` that place (default) or `fail` the whole bump. */
  onViolation?: 'skip' | 'fail';
  /** What a missed place does: `warn` (default; the rest is written) or `fail` (nothing is). */
  onMissed?: 'warn' | 'fail';
};

/** The version policy refused a bump and on-policy-violation is `fail`; nothing is written. */
export class PolicyViolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyViolationError';
  }
}

/** A file names a bumped image where it was not bumped, and on-missed is `fail`. */
export class MissedPlacesError extends Error {
  constructor(
    message: string,
    /** Every missed place, so that a door can point at each line. */
    readonly places: readonly FileMissed[] = [],
  ) {
    super(message);
    this.name = 'MissedPlacesError';
  }
}

/** The occurrences the version policy refused. */
export function refusedOccurrences(report: BumpReport): FileOccurrence[] {
  return report.occurrences.filter((o) => o.verdict?.decision === 'skipped');
}

/**
 * Why a report changes nothing, for logs and summaries: "refused by policy against main (what is
 * deployed): file:line image from → to: reason; …", or "main already holds the requested version".
 */
export function noChangeReason(report: BumpReport, branch: string): string {
  const refused = refusedOccurrences(report);
  if (refused.length === 0) return `${branch} already holds the requested version`;
  const lines = refused.map(
    (o) =>
      `${o.file}:${o.line} ${o.image} ${o.from || '(none)'} → ${o.to}: ${o.verdict?.reason ?? 'refused'}`,
  );
  return `refused by policy against ${branch} (what is deployed): ${lines.join('; ')}`;
}

/** An image that matched nothing, or a file the engine refused; the message says what to do. */
export class BumpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BumpError';
  }
}

/** Bumps every image in every file; throws BumpError when an image is found nowhere. */
export function bumpFiles(
  files: readonly SourceFile[],
  targets: readonly FileTarget[],
  bumps: readonly Bump[],
  options: BumpOptions = {},
): BumpReport {
  const { onViolation = 'skip', onMissed = 'warn', ...editOptions } = options;
  const keyPathsOf = new Map(targets.map((t) => [t.path, t.keyPaths]));
  const outcomes: FileOutcome[] = [];
  const occurrences: FileOccurrence[] = [];
  const skipped: FileSkipped[] = [];
  const missed: FileMissed[] = [];
  for (const file of files) {
    const keyPaths = keyPathsOf.get(file.path) ?? [];
    const result = editText({
      file: file.path,
      text: file.text,
      bumps,
      options: { ...editOptions, keyPaths },
    });
    outcomes.push({
      path: file.path,
      before: file.text,
      after: result.text,
      edits: result.edits,
      changed: changesText(file.text, result.edits),
    });
    occurrences.push(...result.occurrences.map((o) => ({ file: file.path, ...o })));
    skipped.push(...result.skipped.map((s) => ({ file: file.path, ...s })));
    const places = [
      ...result.skipped
        .filter((s) => !s.filtered)
        .map(({ line, image, reason }) => ({ line, image, reason })),
      ...result.missed,
    ].sort((a, b) => a.line - b.line);
    missed.push(...places.map((m) => ({ file: file.path, ...m })));
  }
  checkFound(bumps, occurrences, [...missed, ...skipped.filter((s) => s.filtered)], files);
  const report = {
    files: outcomes,
    occurrences,
    skipped,
    missed,
    changed: outcomes.some((o) => o.changed),
  };
  if (onMissed === 'fail') failOnMissed(missed);
  const refused = refusedOccurrences(report);
  if (onViolation === 'fail' && refused.length > 0) {
    const lines = refused
      .slice(0, 20)
      .map(
        (o) =>
          `${o.file}:${o.line} ${o.image} ${o.from || '(none)'} → ${o.to}: ${o.verdict?.reason}`,
      );
    throw new PolicyViolationError(
      `The version policy refused ${refused.length === 1 ? 'a bump' : `${refused.length} bumps`}, so nothing was written (on-policy-violation: fail):\n  ${lines.join('\n  ')}`,
    );
  }
  return report;
}

/** Throws BumpError for an image found nowhere, or found only where it could not be bumped. */
function checkFound(
  bumps: readonly Bump[],
  occurrences: readonly FileOccurrence[],
  places: readonly FileMissed[],
  files: readonly SourceFile[],
): void {
  for (const bump of bumps) {
    if (occurrences.some((o) => o.image === bump.image.name)) continue;
    const mine = places.filter((m) => m.image === bump.image.name);
    if (mine.length > 0) {
      const reasons = mine.slice(0, 10).map((m) => `${m.file}:${m.line}: ${m.reason}`);
      throw new BumpError(
        `The image ${bump.image.name} was found but not bumped:\n  ${reasons.join('\n  ')}`,
      );
    }
    throw new BumpError(notFoundMessage(bump, files));
  }
}

/** on-missed fail: any missed place stops the bump before anything is written. */
function failOnMissed(missed: readonly FileMissed[]): void {
  if (missed.length === 0) return;
  const one = missed.length === 1;
  const lines = missed.slice(0, 20).map((m) => `${m.file}:${m.line} ${m.image}: ${m.reason}`);
  throw new MissedPlacesError(
    `${one ? 'A place names' : `${missed.length} places name`} the image but ${one ? 'was' : 'were'} not bumped, so nothing was written (on-missed: fail):\n  ${lines.join('\n  ')}`,
    missed,
  );
}

function notFoundMessage(bump: Bump, files: readonly SourceFile[]): string {
  const seen: string[] = [];
  for (const file of files) {
    for (const found of listImages(file.text)) {
      if (seen.length >= 20) break;
      seen.push(`${found.value} (${file.path}:${found.line})`);
    }
  }
  const where = files.map((f) => f.path).join(', ');
  const list =
    seen.length > 0
      ? `Images found there:\n  ${[...new Set(seen)].join('\n  ')}`
      : 'No image references were found there at all.';
  return `The image ${formatReference({ name: bump.image.name })} was found in none of the files (${where}). ${list}\nCheck the image name (registry and path must match), or the files.`;
}
