// The floor: the least work any tool must do to bump the tag in place. Reads the file, replaces
// the one occurrence of OLD with NEW by plain string search, and writes the file back.
// Usage: node bench/floor.mjs FILE OLD NEW   (OLD and NEW are full image references)
import { readFileSync, writeFileSync } from 'node:fs';

const [file, oldRef, newRef] = process.argv.slice(2);
if (!file || !oldRef || !newRef) {
  console.error('usage: node bench/floor.mjs FILE OLD NEW');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
const at = text.indexOf(oldRef);
if (at < 0 || text.indexOf(oldRef, at + oldRef.length) >= 0) {
  console.error(`floor: ${oldRef} must occur exactly once in ${file}`);
  process.exit(1);
}
writeFileSync(file, text.slice(0, at) + newRef + text.slice(at + oldRef.length));
