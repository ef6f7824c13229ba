// What rewrite-based actions do: parse every document with js-yaml, set the image of every
// matching container, dump every document again, and write the file. Comments, quoting and
// layout are lost; the benchmark measures the time and memory of the approach.
// Usage: node bench/load-dump.mjs FILE IMAGE NEWTAG   (IMAGE without a tag)
import { readFileSync, writeFileSync } from 'node:fs';
import yaml from 'js-yaml';

const [file, image, newTag] = process.argv.slice(2);
if (!file || !image || !newTag) {
  console.error('usage: node bench/load-dump.mjs FILE IMAGE NEWTAG');
  process.exit(2);
}

/** The image reference without its tag or digest. */
function repository(ref) {
  const at = ref.indexOf('@');
  const name = at >= 0 ? ref.slice(0, at) : ref;
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}

const docs = yaml.loadAll(readFileSync(file, 'utf8'));
let changed = 0;
for (const doc of docs) {
  const pod = doc?.spec?.template?.spec;
  if (!pod) continue;
  for (const list of [pod.initContainers, pod.containers]) {
    for (const container of list ?? []) {
      if (typeof container?.image === 'string' && repository(container.image) === image) {
        container.image = `${image}:${newTag}`;
        changed++;
      }
    }
  }
}
if (changed === 0) {
  console.error(`load-dump: no container uses ${image} in ${file}`);
  process.exit(1);
}
writeFileSync(file, docs.map((doc) => yaml.dump(doc)).join('---\n'));
