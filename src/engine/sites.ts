// What the locators hand to the planner: places in a document that hold an image, in the
// two shapes they come in. A reference site is one string holding `name:tag@digest`; a field
// site is a mapping that spreads the image over keys (Helm values, kustomize images entries,
// Argo CD Helm parameters).
import type { Pair, Scalar, YAMLMap } from 'yaml';
import type { ImageRef } from './image-ref.js';
import type { MappedScalar } from './scalar.js';
import type { LocatorKind } from './types.js';
import type { Path } from './walk.js';

/** A scalar that holds an image reference, whole or embedded (`alias=ref`, `${VAR:-ref}`). */
export interface ReferenceSite {
  type: 'reference';
  kind: LocatorKind;
  node: Scalar;
  mapped: MappedScalar;
  /** Where the reference starts and ends in the scalar's value. */
  refStart: number;
  refEnd: number;
  ref: ImageRef;
  path: Path;
  /** Inside a flow collection (`[a, b]`, `{k: v}`), where `,[]{}` need quotes. */
  inFlow: boolean;
  /** The name before `=` in `old=new:tag` (Argo CD), which the entry also answers to. */
  alias?: string;
  /**
   * Set when the value holds interpolation: refStart/refEnd (and the reference) are then
   * positions in this resolved reading, and at[i] is where its character i is in the value.
   */
  resolved?: { value: string; at: number[] };
  /** The variable the tag is (`${TAG}`): its value is set outside the file. */
  openTag?: string;
  /** The compose services that take this image through a merge key (`<<: *app`). */
  mergedInto?: string[];
  /** The container or compose service it belongs to, for the `container` filter. */
  container?: string;
  /**
   * Set when the value's bytes cannot be mapped onto it (a double-quoted value continued with
   * an escaped line break, say): `mapped` is then the value alone, and a change is reported as
   * not made, never dropped in silence.
   */
  unmapped?: true;
}

/** A key of a field site, with the pair it lives in (absent when the key is missing). */
export interface FieldSlot {
  pair: Pair;
  node: Scalar;
  path: Path;
}

/** A mapping that names an image in one key and holds its tag (and digest) in others. */
export interface FieldSite {
  type: 'fields';
  kind: LocatorKind;
  map: YAMLMap;
  path: Path;
  /** Every name the entry answers to (kustomize matches `name` or `newName`). */
  names: string[];
  /** The scalar holding the name, for line numbers and so reference sites do not claim it. */
  nameNodes: Scalar[];
  tag?: FieldSlot;
  digest?: FieldSlot;
  /** `sha` keys hold hex digits only; `digest` keys hold `sha256:…`. */
  digestForm: 'digest' | 'sha';
  /**
   * A missing tag key is added after the pair `after` (kustomize `newTag`, Helm `tag` or
   * `imageTag`); a missing digest key too where the format has one (kustomize).
   */
  insert?: { after: Pair; tagKey: string; digestKey?: string };
  /** The tag slot is shared by other images (Istio's `global.tag`): they move too. */
  sharedTag?: string;
  /** Kustomize drops a stale digest key; Helm values empty it. */
  staleDigest: 'delete' | 'empty';
  container?: string;
}

/** Anything a locator found. */
export type Site = ReferenceSite | FieldSite;
