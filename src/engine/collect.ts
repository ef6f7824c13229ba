// Collects the sites of a parsed document: the locators are asked about every mapping, list and
// scalar; a scalar already claimed by a key-based site is not read again as a reference, and a
// literal block scalar or a one-line JSON string is handed on, since it may hold YAML of its own.
import type { Document, Scalar } from 'yaml';
import { normalizeName } from './image-ref.js';
import { argocdParameterSites } from './locators/argocd.js';
import { helmValuesSite } from './locators/helm-values.js';
import { kustomizeSite } from './locators/kustomize.js';
import { referenceSite } from './locators/references.js';
import type { Site } from './sites.js';
import { walk } from './walk.js';

/** A one-line string holding a JSON object or array (`values: '{"image": "app:1.0"}'`). */
function isJsonString(node: Scalar): boolean {
  if (typeof node.value !== 'string' || node.value.includes('\n')) return false;
  const value = node.value.trim();
  return (
    (value.startsWith('{') && value.endsWith('}')) || (value.startsWith('[') && value.endsWith(']'))
  );
}

/** Collects every site of a document, reference strings in key-based mappings left out. */
export function collectSites(
  text: string,
  doc: Document,
  embedded: (node: Scalar, path: readonly (string | number)[]) => void,
): Site[] {
  const sites: Site[] = [];
  const claimed = new Set<Scalar>();
  const claim = (site: Site): void => {
    if (site.type !== 'fields') return;
    for (const node of site.nameNodes) claimed.add(node);
    if (site.tag) claimed.add(site.tag.node);
    if (site.digest) claimed.add(site.digest.node);
  };
  walk(doc.contents, {
    map(visit) {
      const site = kustomizeSite(visit) ?? helmValuesSite(visit);
      if (site) {
        claim(site);
        sites.push(site);
      }
    },
    seq(visit) {
      for (const site of argocdParameterSites(visit)) {
        claim(site);
        sites.push(site);
      }
    },
    scalar(visit) {
      if (claimed.has(visit.node)) return;
      if (visit.node.type === 'BLOCK_LITERAL' || isJsonString(visit.node)) {
        embedded(visit.node, visit.path);
        return;
      }
      const site = referenceSite(text, visit);
      if (site) sites.push(site);
    },
  });
  return sites;
}

/** Every name a site answers to. */
export function siteNames(site: Site): string[] {
  if (site.type === 'fields') return site.names;
  return site.alias !== undefined ? [site.ref.name, site.alias] : [site.ref.name];
}

/** True when the site answers to the canonical name. */
export function siteMatches(site: Site, canonical: string): boolean {
  return siteNames(site).some((name) => normalizeName(name) === canonical);
}

/** The scalars a site is written in (for the lines it covers). */
export function siteNodes(site: Site): Scalar[] {
  if (site.type === 'reference') return [site.node];
  return [
    ...site.nameNodes,
    ...(site.tag ? [site.tag.node] : []),
    ...(site.digest ? [site.digest.node] : []),
  ];
}
