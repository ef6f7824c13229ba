// The engine's shared vocabulary: bumps, options, occurrences, skipped and missed places, and
// the one error type it throws.
import type { ImageRef } from './image-ref.js';
import type { Verdict, VersionPolicy } from './policy.js';
import type { TextEdit } from './scalar.js';

/** One image to move: the name to look for, and the tag and/or digest to write. */
export interface Bump {
  /** The image as the user gave it; only its name is used to find occurrences. */
  image: ImageRef;
  tag?: string;
  digest?: string;
}

/** A key path into a document (`data.backend`, `helm.parameters[name=image.tag].value`). */
export type KeySegment =
  | { key: string }
  | { index: number }
  | { where: { key: string; value: string } };

/** A key that does not name the image, with the template its value is written from. */
export interface KeyPathTarget {
  /** The key path as the user wrote it, for messages. */
  raw: string;
  segments: KeySegment[];
  /** `{{tag}}` by default; `{{image}}`, `{{name}}`, `{{digest}}` are also filled in. */
  template: string;
}

/** What the engine needs to know besides the text and the bumps. */
export interface EditOptions {
  /** Only containers (and compose services) with this name. */
  container?: string;
  /** Explicit key paths; when given, only these keys are written in this file. */
  keyPaths?: KeyPathTarget[];
  /** Give references that carry only a tag the bump's digest too. */
  pinDigest?: boolean;
  /** When given, every occurrence is judged by it; refused ones are not written. */
  policy?: VersionPolicy;
}

/** Where an occurrence was found, by the file format it belongs to. */
export type LocatorKind =
  | 'container'
  | 'compose'
  | 'kustomize'
  | 'helm-values'
  | 'argocd-parameter'
  | 'reference'
  | 'key-path';

/** One place in a file that holds one of the bumped images. */
export interface Occurrence {
  /** 1-based line of the value that holds the tag (or of the name when the tag is added). */
  line: number;
  /** The YAML path, e.g. `spec.template.spec.containers[0].image`; `doc N:` prefix in streams. */
  path: string;
  kind: LocatorKind;
  /** The bumped image's name as the user gave it. */
  image: string;
  /** Tag and digest before (`1.2.3`, `1.2.3@sha256:…`, `` when none). */
  from: string;
  /** Tag and digest after. */
  to: string;
  /** Set when from and to differ: this occurrence is rewritten. */
  changed: boolean;
  /** Why something else than the plain tag swap happened (digest dropped, key added, quoted). */
  notes: string[];
  /** The version policy's verdict, when a policy was given; `skipped` ones are not written. */
  verdict?: Verdict;
}

/** An occurrence that matched an image but could not be bumped, and why. */
export interface Skipped {
  line: number;
  path: string;
  image: string;
  reason: string;
  /** Left out on purpose by the `container` filter: reported, but not a missed place. */
  filtered?: boolean;
}

/**
 * A line that names a bumped image that was not bumped and is not a decoy (a comment, a
 * template, a URL, a longer name, prose): reported so that no miss is silent.
 */
export interface MissedPlace {
  line: number;
  image: string;
  reason: string;
}

/** The engine's answer for one file. */
export interface EditResult {
  /** The new text; identical to the input when nothing changed. */
  text: string;
  /** The edits that make the new text of the input, sorted and not overlapping. */
  edits: TextEdit[];
  occurrences: Occurrence[];
  /** Places that matched an image but could not be bumped, each with why. */
  skipped: Skipped[];
  /** Other lines that name a bumped image and were not bumped (see MissedPlace). */
  missed: MissedPlace[];
}

/** An image reference seen in a file, for "image found nowhere" messages. */
export interface FoundImage {
  line: number;
  name: string;
  /** The reference as written (`name:tag`), or name and tag joined for key-based mappings. */
  value: string;
}

/** Refusals of the engine: the file does not parse, or an edit could not be made safely. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly code: 'parse' | 'verify' | 'unsupported' | 'key-path' | 'ambiguous',
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
