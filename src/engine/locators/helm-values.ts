// Helm values (and Flux HelmRelease `spec.values`, Argo CD `valuesObject`) that spread an
// image over keys, at any depth: `{registry, repository, tag, digest|sha}`, `{repository}`
// (the tag key is added), `{name, tag}`, `{image, tag|imageTag|version}` (elastic-style
// charts join `image` with a sibling tag key), `{image_name, image_version}` and other keys that
// share an `…image` prefix, Istio's `{hub, image, tag}`. A registry or hub
// defined once for the chart (`global.imageRegistry`, `global.image.registry`,
// `global.registry`, `defaultRegistry`, `defaultImageRegistry` + `defaultImageRepository`,
// `global.hub`) prefixes maps that do not set their own; an empty Istio `tag` falls back to
// `global.tag`, which is then the shared slot the bump lands on.
import { isMap, isScalar, type Scalar, type YAMLMap } from 'yaml';
import type { FieldSite, FieldSlot } from '../sites.js';
import { getPair, getScalar, getString, type Path, type Visit } from '../walk.js';

const KUSTOMIZE_KEYS = ['newName', 'newTag'];
/** Keys that make a mapping a container (or a job), whose `image` is a whole reference. */
const CONTAINER_KEYS = ['command', 'args', 'env', 'name', 'ports'];

function slot(map: YAMLMap, key: string, path: Path): FieldSlot | undefined {
  const pair = getPair(map, key);
  const node = getScalar(map, key);
  if (!pair || !node) return undefined;
  return { pair, node, path: [...path, key] };
}

function child(map: YAMLMap, key: string): YAMLMap | undefined {
  const value = getPair(map, key)?.value;
  return isMap(value) ? value : undefined;
}

/** Chart-level settings found in a values root (the document, or a HelmRelease's values). */
interface ChartScope {
  registry?: string;
  repositoryPrefix?: string;
  hub?: string;
  globalTag?: FieldSlot;
}

const trimSlash = (value: string): string => value.replace(/\/+$/, '');

/**
 * The chart-level settings a values root defines, or null when it defines none; kept per map (a
 * parsed document is never changed), since every map below a root asks about it and a root
 * often has a hundred keys to look through.
 */
const scopes = new WeakMap<YAMLMap, ChartScope | null>();

function scopeOf(scope: YAMLMap, path: Path): ChartScope | null {
  const known = scopes.get(scope);
  if (known !== undefined) return known;
  const found = readScope(scope, path);
  scopes.set(scope, found);
  return found;
}

function readScope(scope: YAMLMap, path: Path): ChartScope | null {
  const global = child(scope, 'global');
  const defaultRegistry = getString(scope, 'defaultRegistry');
  const defaultImageRegistry = getString(scope, 'defaultImageRegistry');
  if (!global && defaultRegistry === undefined && defaultImageRegistry === undefined) return null;
  const globalImage = global && child(global, 'image');
  const registry =
    (global && getString(global, 'imageRegistry')) ||
    (globalImage && getString(globalImage, 'registry')) ||
    (global && getString(global, 'registry')) ||
    defaultRegistry ||
    defaultImageRegistry;
  const found: ChartScope = {};
  if (registry) found.registry = trimSlash(registry);
  const prefix = getString(scope, 'defaultImageRepository');
  if (prefix) found.repositoryPrefix = trimSlash(prefix);
  const hub = global && getString(global, 'hub');
  if (hub) found.hub = trimSlash(hub);
  const tag = global && slot(global, 'tag', [...path, 'global']);
  if (tag && hub) found.globalTag = tag;
  return found;
}

/** The chart-level registry, hub and tag of the nearest values root above the map. */
function chartScope(visit: Visit<YAMLMap>): ChartScope {
  const maps = visit.ancestors;
  for (let i = maps.length - 1; i >= 0; i--) {
    const scope = maps[i];
    if (!isMap(scope)) continue;
    const found = scopeOf(scope, visit.path.slice(0, i));
    if (found) return found;
  }
  return {};
}

/** Whether a document's root is Helm values, kept per root (every map of it asks). */
const valuesRoots = new WeakMap<YAMLMap, boolean>();

/** True for a document that is Helm values: no Kubernetes kind, no compose services. */
function inValues(visit: Visit<YAMLMap>): boolean {
  const root = visit.ancestors[0] ?? visit.node;
  if (!isMap(root)) return false;
  let known = valuesRoots.get(root);
  if (known === undefined) {
    known = !getPair(root, 'kind') && !getPair(root, 'apiVersion') && !getPair(root, 'services');
    valuesRoots.set(root, known);
  }
  return known;
}

/** The key holding the repository and the key holding the tag, or undefined. */
interface MapKeys {
  nameKey: string;
  tagKey: string;
  /** The tag key is there (else it is added, or the chart's shared tag is used). */
  present: boolean;
  /** Istio-style: a short `image` that takes the chart's `global.tag`. */
  shared?: boolean;
}

function keysOf(map: YAMLMap, visit: Visit<YAMLMap>, scope: ChartScope): MapKeys | undefined {
  const tagKey = ['tag', 'imageTag', 'version'].find((key) => getPair(map, key));
  if (getString(map, 'repository')) {
    const own = tagKey === 'version' ? undefined : tagKey;
    return { nameKey: 'repository', tagKey: own ?? 'tag', present: own !== undefined };
  }
  const image = getString(map, 'image');
  if (image) {
    // `image: repo:tag` is a whole reference: the reference locator takes it.
    if (/@|:[^/]*$/.test(image)) return undefined;
    if (tagKey) return { nameKey: 'image', tagKey, present: true };
    // Istio's `global.proxy.image: proxyv2`: the chart's hub and shared tag complete it.
    if (scope.hub && scope.globalTag && !image.includes('/'))
      return { nameKey: 'image', tagKey: 'tag', present: false, shared: true };
    // `image: repo` alone at the root of a values file: elastic-style charts join it with
    // `imageTag`. Deeper, an untagged `image` is read as a whole reference (the tag appended).
    const lone = !CONTAINER_KEYS.some((key) => getPair(map, key));
    if (lone && visit.path.length === 0 && inValues(visit))
      return { nameKey: 'image', tagKey: 'imageTag', present: false };
    return undefined;
  }
  if (tagKey === 'tag' && getString(map, 'name')) return { nameKey: 'name', tagKey, present: true };
  return prefixedKeys(map);
}

// `image_name` + `image_version`, `imageRepository` + `imageTag`, `image-repo` + `image-tag`.
const PREFIXED_NAME = /^(.*image)([_-]?)(name|repository|repo)$/i;

/** Name and tag keys sharing an `…image` prefix, the name untagged; or undefined. */
function prefixedKeys(
  map: YAMLMap,
): { nameKey: string; tagKey: string; present: true } | undefined {
  for (const item of map.items) {
    const key = isScalar(item.key) ? String(item.key.value) : '';
    const match = PREFIXED_NAME.exec(key);
    if (!match) continue;
    const value = getString(map, key);
    if (!value || /@|:[^/]*$/.test(value)) continue;
    const [, prefix, separator, word] = match;
    const upper = word![0] === word![0]!.toUpperCase();
    for (const tail of ['tag', 'version']) {
      const tagKey = `${prefix}${separator}${upper ? tail[0]!.toUpperCase() + tail.slice(1) : tail}`;
      if (getPair(map, tagKey)) return { nameKey: key, tagKey, present: true };
    }
  }
  return undefined;
}

/** The image's full name: own registry (or hub) first, then the chart's. */
function fullName(map: YAMLMap, nameKey: string, repository: string, scope: ChartScope): string {
  const own = getString(map, 'registry') ?? getString(map, 'hub');
  if (own) return `${trimSlash(own)}/${repository}`;
  const first = repository.split('/')[0] ?? '';
  const hasHost = repository.includes('/') && (/[.:]/.test(first) || first === 'localhost');
  if (hasHost) return repository;
  if (scope.hub && (getPair(map, 'hub') || !repository.includes('/')))
    return `${scope.hub}/${repository}`;
  const prefix =
    nameKey !== 'repository' && !repository.includes('/') && scope.repositoryPrefix
      ? `${scope.repositoryPrefix}/`
      : '';
  return scope.registry ? `${scope.registry}/${prefix}${repository}` : `${prefix}${repository}`;
}

/** A field site for a Helm-style image mapping, or undefined. */
export function helmValuesSite(visit: Visit<YAMLMap>): FieldSite | undefined {
  const { node: map, path } = visit;
  if (KUSTOMIZE_KEYS.some((key) => getPair(map, key))) return undefined;
  const scope = chartScope(visit);
  const keys = keysOf(map, visit, scope);
  if (!keys) return undefined;
  const repository = getString(map, keys.nameKey)!;
  const nameNodes: Scalar[] = [getScalar(map, keys.nameKey)!];
  const site: FieldSite = {
    type: 'fields',
    kind: 'helm-values',
    map,
    path,
    names: [fullName(map, keys.nameKey, repository, scope)],
    nameNodes,
    digestForm: getPair(map, 'digest') ? 'digest' : 'sha',
    staleDigest: 'empty',
  };
  const tag = keys.present ? slot(map, keys.tagKey, path) : undefined;
  const emptyOwn = tag && getPair(map, 'hub') && !getString(map, keys.tagKey);
  if ((keys.shared || emptyOwn) && scope.globalTag) {
    site.tag = scope.globalTag;
    site.sharedTag = 'global.tag';
  } else if (tag) site.tag = tag;
  else if (!keys.present) site.insert = { after: getPair(map, keys.nameKey)!, tagKey: keys.tagKey };
  const digest = slot(map, 'digest', path) ?? slot(map, 'sha', path);
  if (digest) site.digest = digest;
  return site;
}
