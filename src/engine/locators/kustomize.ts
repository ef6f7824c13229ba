// Kustomize `images:` entries (kustomization.yaml, Components, Flux Kustomization
// `spec.images`): matched on `name` or `newName`; `newTag` and `digest` are set, and added
// when missing.
import { isSeq, type Scalar, type YAMLMap } from 'yaml';
import type { FieldSite } from '../sites.js';
import { getPair, getScalar, getString, type Visit } from '../walk.js';

/** A field site for a kustomize images entry, or undefined. */
export function kustomizeSite(visit: Visit<YAMLMap>): FieldSite | undefined {
  const { node: map, path, ancestors } = visit;
  const n = path.length;
  if (n < 2 || path[n - 2] !== 'images' || typeof path[n - 1] !== 'number') return undefined;
  if (!isSeq(ancestors[ancestors.length - 1])) return undefined;
  const name = getString(map, 'name');
  if (name === undefined) return undefined;
  const names = [name];
  const nameNodes: Scalar[] = [getScalar(map, 'name')!];
  const newName = getString(map, 'newName');
  if (newName !== undefined) {
    names.push(newName);
    nameNodes.push(getScalar(map, 'newName')!);
  }
  const after = getPair(map, newName !== undefined ? 'newName' : 'name')!;
  // Flux's image automation tests write `newDigest`; kustomize itself reads `digest`.
  const digestKey = getPair(map, 'newDigest') ? 'newDigest' : 'digest';
  const site: FieldSite = {
    type: 'fields',
    kind: 'kustomize',
    map,
    path,
    names,
    nameNodes,
    digestForm: 'digest',
    insert: { after, tagKey: 'newTag', digestKey },
    staleDigest: 'delete',
  };
  const tagPair = getPair(map, 'newTag');
  const tagNode = getScalar(map, 'newTag');
  if (tagPair && tagNode) site.tag = { pair: tagPair, node: tagNode, path: [...path, 'newTag'] };
  const digestPair = getPair(map, digestKey);
  const digestNode = getScalar(map, digestKey);
  if (digestPair && digestNode)
    site.digest = { pair: digestPair, node: digestNode, path: [...path, digestKey] };
  return site;
}
