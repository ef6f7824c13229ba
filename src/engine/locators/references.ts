// Image references written as one string: container and compose `image:` values, ConfigMap
// values, container arguments, Argo CD `kustomize.images` entries (`alias=name:tag`, which
// answer to either name), and compose interpolation anywhere in the value
// (`name:${TAG:-1.2}`, `${IMAGE:-name:1.2}`; a tag that is only `${TAG}` is reported).
import { isAlias, isMap, isScalar, isSeq, type Scalar } from 'yaml';
import { type ImageRef, tryParseReference } from '../image-ref.js';
import { resolveInterpolation } from '../interpolation.js';
import { mapScalar } from '../scalar.js';
import type { ReferenceSite } from '../sites.js';
import type { LocatorKind } from '../types.js';
import { getPair, getString, type Visit } from '../walk.js';

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
// `alias=ref` (Argo CD kustomize image overrides, `--flag=ref`).
const ASSIGNMENT = /^([^=\s]+)=(.+)$/;

/** Where a reference sits inside a scalar's value (or inside its resolved reading). */
interface Embedded {
  ref: ImageRef;
  start: number;
  end: number;
  /** The name before `=` when it is an image name too (Argo CD `old=new:tag`). */
  alias?: string;
}

/** Finds a reference that is the whole value, or the one part of it that can be one. */
function findIn(value: string): Embedded | undefined {
  const whole = tryParseReference(value);
  if (whole) return { ref: whole, start: 0, end: value.length };
  const assignment = ASSIGNMENT.exec(value);
  if (assignment) {
    const inner = assignment[2]!;
    const ref = tryParseReference(inner);
    if (!ref) return undefined;
    const found: Embedded = { ref, start: value.length - inner.length, end: value.length };
    const alias = tryParseReference(assignment[1]!);
    if (alias && alias.tag === undefined && alias.digest === undefined) found.alias = alias.name;
    return found;
  }
  return undefined;
}

/** A reference in a value, read through its interpolations; what stays open is named. */
function findReference(
  value: string,
): (Embedded & { at?: number[]; resolved?: string; openTag?: string }) | undefined {
  const resolved = resolveInterpolation(value);
  if (!resolved) return findIn(value);
  const found = findIn(resolved.value);
  if (!found) return undefined;
  const nameEnd = found.start + found.ref.name.length;
  const open = resolved.open.filter((v) => v.end > found.start && v.start < found.end);
  // A variable in the name: which image it is is decided outside the file.
  if (open.some((v) => v.start < nameEnd)) return undefined;
  const result = { ...found, at: resolved.at, resolved: resolved.value };
  return open.length > 0 ? { ...result, openTag: open[0]!.name } : result;
}

/** True where a key or its neighbour says the value is an image (`fooImage`, `--x-image`). */
function isImagePosition(visit: Visit<Scalar>): boolean {
  const { path } = visit;
  const last = path[path.length - 1];
  if (typeof last === 'string') return last.toLowerCase().endsWith('image');
  const parentKey = path[path.length - 2];
  if (typeof parentKey === 'string' && parentKey.toLowerCase().endsWith('images')) return true;
  return followsImageFlag(visit) || isPatchedImage(visit);
}

/** A container argument following a flag such as `--executor-image`. */
function followsImageFlag(visit: Visit<Scalar>): boolean {
  const last = visit.path[visit.path.length - 1];
  const parent = visit.ancestors[visit.ancestors.length - 1];
  if (typeof last !== 'number' || last === 0 || !isSeq(parent)) return false;
  const previous = parent.items[last - 1];
  return (
    isScalar(previous) && typeof previous.value === 'string' && /^-.*image$/i.test(previous.value)
  );
}

/** The `value` of a JSON6902 operation whose `path` ends in `/image`. */
function isPatchedImage(visit: Visit<Scalar>): boolean {
  const parent = visit.ancestors[visit.ancestors.length - 1];
  if (visit.path[visit.path.length - 1] !== 'value' || !isMap(parent)) return false;
  const target = getString(parent, 'path');
  return target !== undefined && getString(parent, 'op') !== undefined && /\/image$/.test(target);
}

/**
 * True where the schema says a bare name (no tag, no digest) is an image: a key named exactly
 * `image` (containers, compose services, workflow templates), a list under `images`, a value
 * after an `--…-image` flag, a JSON6902 `value` for an `…/image` path. A key that merely
 * contains the word (`selectedImage`, a label) is not: a bare name there is reported instead.
 */
function isBareImagePosition(visit: Visit<Scalar>): boolean {
  const { path } = visit;
  const last = path[path.length - 1];
  if (typeof last === 'string') return last === 'image' || isPatchedImage(visit);
  const parentKey = path[path.length - 2];
  return parentKey === 'images' || followsImageFlag(visit);
}

/** The container (Kubernetes) or service (compose) an `image` value belongs to. */
function containerOf(visit: Visit<Scalar>): {
  kind: LocatorKind;
  name?: string;
  merged?: string[];
} {
  const { path, ancestors } = visit;
  const n = path.length;
  if (n >= 3 && path[n - 1] === 'image' && typeof path[n - 2] === 'number') {
    const list = path[n - 3];
    const owner = ancestors[ancestors.length - 1];
    if (typeof list === 'string' && CONTAINER_LISTS.has(list) && isMap(owner)) {
      const name = getString(owner, 'name');
      return name === undefined ? { kind: 'container' } : { kind: 'container', name };
    }
  }
  if (n === 3 && path[0] === 'services' && path[2] === 'image' && typeof path[1] === 'string') {
    return { kind: 'compose', name: path[1] };
  }
  const merged = path[n - 1] === 'image' ? mergingServices(visit) : [];
  if (merged.length > 0) return { kind: 'compose', merged };
  return { kind: 'reference' };
}

/** True when a merge key's value is an alias of the anchor (or a list holding one). */
function mergesAnchor(value: unknown, anchor: string): boolean {
  if (isAlias(value)) return value.source === anchor;
  return isSeq(value) && value.items.some((item) => isAlias(item) && item.source === anchor);
}

/**
 * The compose services that take this `image` through a merge key (`<<: *app`) from the
 * anchored mapping it sits in, and do not set an image of their own.
 */
function mergingServices(visit: Visit<Scalar>): string[] {
  const root = visit.ancestors[0];
  const owner = visit.ancestors[visit.ancestors.length - 1];
  const anchor = isMap(owner) ? owner.anchor : undefined;
  if (!anchor || !isMap(root)) return [];
  const services = getPair(root, 'services')?.value;
  if (!isMap(services)) return [];
  const names: string[] = [];
  for (const pair of services.items) {
    const service = pair.value;
    if (!isMap(service) || getPair(service, 'image')) continue;
    const merge = getPair(service, '<<');
    if (merge && mergesAnchor(merge.value, anchor) && isScalar(pair.key))
      names.push(String(pair.key.value));
  }
  return names;
}

/** A reference site for a scalar, or undefined when the scalar holds no image reference. */
export function referenceSite(text: string, visit: Visit<Scalar>): ReferenceSite | undefined {
  const node = visit.node;
  if (typeof node.value !== 'string' || node.value.length === 0) return undefined;
  const found = findReference(node.value);
  if (!found) return undefined;
  const { ref } = found;
  if (ref.tag === undefined && ref.digest === undefined) {
    if (!isBareImagePosition(visit)) return undefined;
  } else if (!isImagePosition(visit) && ref.digest === undefined) {
    // `redis:6379` in a generic value is a host and port far more often than an image.
    if (/^[0-9]+$/.test(ref.tag ?? '') && !ref.name.includes('/')) return undefined;
  }
  const onBytes = mapScalar(text, node);
  const unmapped = !onBytes || onBytes.value !== node.value;
  const [start, end] = node.range ?? [0, 0];
  const mapped = unmapped
    ? { value: node.value, offsets: [], style: 'double' as const, start, end }
    : onBytes;
  const context = containerOf(visit);
  const site: ReferenceSite = {
    type: 'reference',
    kind: context.kind,
    node,
    mapped,
    refStart: found.start,
    refEnd: found.end,
    ref,
    path: visit.path,
    inFlow: visit.ancestors.some((a) => a.flow === true),
  };
  if (found.alias !== undefined && found.alias !== ref.name) site.alias = found.alias;
  if (found.at && found.resolved !== undefined)
    site.resolved = { value: found.resolved, at: found.at };
  if (found.openTag !== undefined) site.openTag = found.openTag;
  if (context.name !== undefined) site.container = context.name;
  if (unmapped) site.unmapped = true;
  if (context.merged) site.mergedInto = context.merged;
  return site;
}
