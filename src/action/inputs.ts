// The one place that turns the action's inputs into typed settings. Every message names the
// input, quotes the bad value and says what is expected.
import * as core from '@actions/core';
import { InputError, parseBumps } from '../core/bumps.js';
import { type FileSpec, parseFileSpecs } from '../core/file-specs.js';
import type { Bump } from '../engine/types.js';

/** Everything the action was asked to do. */
export interface Settings {
  /** The images to bump, with their new tags and digests. */
  bumps: Bump[];
  /** The `files` lines, parsed. */
  files: FileSpec[];
  /** Only containers (and compose services) with this name. */
  container?: string;
  /** Give tag-only references the digest too. */
  pinDigest: boolean;
  /** The folder the files are relative to. */
  workingDirectory: string;
  /** Report only; write nothing. */
  dryRun: boolean;
}

/** Reads a boolean input, accepting what YAML 1.2 calls true and false. */
function booleanInput(name: string): boolean {
  const value = core.getInput(name).trim();
  if (value === '') return false;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`${name}: '${value}' is not a boolean; use true or false.`);
}

/** Reads and checks every input. */
export function readSettings(): Settings {
  const image = core.getInput('image').trim();
  const images = core.getMultilineInput('images');
  if (image && images.length > 0)
    throw new InputError(
      'image and images are both set; give one image in image, or several in images.',
    );
  const references = image ? [image] : images;
  if (references.length === 0)
    throw new InputError(
      'image: no image given. Set image (e.g. ghcr.io/org/app:1.4.2) or images.',
    );
  const tag = core.getInput('tag').trim() || undefined;
  const digest = core.getInput('digest').trim() || undefined;
  const settings: Settings = {
    bumps: parseBumps(
      references,
      { image: image ? 'image' : 'images', tag: 'tag', digest: 'digest' },
      tag,
      digest,
    ),
    files: parseFileSpecs(core.getMultilineInput('files')),
    pinDigest: booleanInput('pin-digest'),
    workingDirectory: core.getInput('working-directory').trim() || '.',
    dryRun: booleanInput('dry-run'),
  };
  const container = core.getInput('container').trim();
  if (container) settings.container = container;
  return settings;
}
