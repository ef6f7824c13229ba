// Argo CD Helm parameters (`spec.source.helm.parameters` in Applications, `helm.parameters`
// in `.argocd-source*.yaml`): a parameter naming the repository beside one naming the tag,
// e.g. `image.repository` and `image.tag`.
import { isMap, type YAMLMap, type YAMLSeq } from 'yaml';
import type { FieldSite, FieldSlot } from '../sites.js';
import { getPair, getScalar, getString, type Path, type Visit } from '../walk.js';

function parameterSlot(
  item: { map: YAMLMap; index: number } | undefined,
  path: Path,
): FieldSlot | undefined {
  if (!item) return undefined;
  const pair = getPair(item.map, 'value');
  const node = getScalar(item.map, 'value');
  if (!pair || !node) return undefined;
  return { pair, node, path: [...path, item.index, 'value'] };
}

/** Field sites for the image parameters of a `helm.parameters` list. */
export function argocdParameterSites(visit: Visit<YAMLSeq>): FieldSite[] {
  const { node: seq, path } = visit;
  const n = path.length;
  if (n < 2 || path[n - 1] !== 'parameters' || path[n - 2] !== 'helm') return [];
  const byName = new Map<string, { map: YAMLMap; index: number }>();
  seq.items.forEach((item, index) => {
    if (!isMap(item)) return;
    const name = getString(item, 'name');
    if (name !== undefined) byName.set(name, { map: item, index });
  });
  const sites: FieldSite[] = [];
  for (const [name, item] of byName) {
    if (!name.endsWith('repository')) continue;
    const prefix = name.slice(0, -'repository'.length);
    const repository = getString(item.map, 'value');
    if (!repository) continue;
    const registry = byName.get(`${prefix}registry`);
    const registryValue = registry ? getString(registry.map, 'value') : undefined;
    const site: FieldSite = {
      type: 'fields',
      kind: 'argocd-parameter',
      map: item.map,
      path: [...path, item.index],
      names: [registryValue ? `${registryValue}/${repository}` : repository],
      nameNodes: [getScalar(item.map, 'value')!],
      digestForm: 'digest',
      staleDigest: 'empty',
    };
    const tag = parameterSlot(byName.get(`${prefix}tag`), path);
    if (tag) site.tag = tag;
    const digest = parameterSlot(byName.get(`${prefix}digest`), path);
    if (digest) site.digest = digest;
    sites.push(site);
  }
  return sites;
}
