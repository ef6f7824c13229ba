// Helm values (and Flux HelmRelease `spec.values`, Argo CD `valuesObject`) that spread an
// image over keys: `{registry, repository, tag, digest|sha}`, `{repository, tag}`,
// `{name, tag}`, `{image, tag}`, at any depth.
import type { Scalar, YAMLMap } from 'yaml';
import type { FieldSite, FieldSlot } from '../sites.js';
import { getPair, getScalar, getString, type Path, type Visit } from '../walk.js';

const KUSTOMIZE_KEYS = ['newName', 'newTag'];

function slot(map: YAMLMap, key: string, path: Path): FieldSlot | undefined {
  const pair = getPair(map, key);
  const node = getScalar(map, key);
  if (!pair || !node) return undefined;
  return { pair, node, path: [...path, key] };
}

/** A field site for a Helm-style image mapping, or undefined. */
export function helmValuesSite(visit: Visit<YAMLMap>): FieldSite | undefined {
  const { node: map, path } = visit;
  if (KUSTOMIZE_KEYS.some((key) => getPair(map, key))) return undefined;
  const hasTag = getPair(map, 'tag') !== undefined;
  let nameKey: string | undefined;
  if (getString(map, 'repository')) nameKey = 'repository';
  else if (hasTag && getString(map, 'image')) nameKey = 'image';
  else if (hasTag && getString(map, 'name')) nameKey = 'name';
  if (nameKey === undefined) return undefined;
  const repository = getString(map, nameKey)!;
  const registry = getString(map, 'registry');
  const name = registry ? `${registry.replace(/\/+$/, '')}/${repository}` : repository;
  const nameNodes: Scalar[] = [getScalar(map, nameKey)!];
  const site: FieldSite = {
    type: 'fields',
    kind: 'helm-values',
    map,
    path,
    names: [name],
    nameNodes,
    digestForm: getPair(map, 'digest') ? 'digest' : 'sha',
    staleDigest: 'empty',
  };
  const tag = slot(map, 'tag', path);
  if (tag) site.tag = tag;
  const digest = slot(map, 'digest', path) ?? slot(map, 'sha', path);
  if (digest) site.digest = digest;
  return site;
}
