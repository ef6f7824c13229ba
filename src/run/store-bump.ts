// The read-and-edit step every store shares: expand the file specs over the store's listing,
// read those files at the head, and bump them with the engine (nothing written here).

import {
  type BumpOptions,
  type BumpReport,
  bumpFiles,
  refusedOccurrences,
} from '../engine/bump-files.js';
import { expandFileSpecs, type FileSpec } from '../engine/file-specs.js';
import type { Bump } from '../engine/types.js';
import type { FileChange, HeadRead, Store } from '../stores/store.js';

/** What the specs name, as read at one head, and the bump applied to it. */
export async function readAndBump(
  store: Store,
  specs: readonly FileSpec[],
  bumps: readonly Bump[],
  options: BumpOptions,
): Promise<{ read: HeadRead; report: BumpReport }> {
  const targets = expandFileSpecs(specs, await store.list(), store.describe?.bind(store));
  const read = await store.read(targets.map((t) => t.path));
  const files = targets.map((t) => ({ path: t.path, text: read.files.get(t.path) ?? '' }));
  return { read, report: bumpFiles(files, targets, bumps, options) };
}

/** The files a bump changed, as a store writes them (with the edits, for a store that keeps the bytes read). */
export function changes(report: BumpReport): FileChange[] {
  return report.files
    .filter((f) => f.changed)
    .map((f) => ({ path: f.path, text: f.after, edits: f.edits }));
}

/**
 * What a run that changes nothing did, in the `operation` output's words: `refused` when the
 * version policy refused a change still to make, `none` when everything already holds it.
 */
export function noChangeOperation(report: BumpReport): 'refused' | 'none' {
  return refusedOccurrences(report).length > 0 ? 'refused' : 'none';
}
