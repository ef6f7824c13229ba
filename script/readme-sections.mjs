// Shared by the scripts that write generated parts of README.md and docs/*.md: replace the text
// between <!-- NAME:start --> and <!-- NAME:end -->, format as `npm run lint` expects, write or check.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/** The text with the part between the markers replaced by `body`. */
export function replaceBetween(text, marker, body, file = 'README.md') {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${start} … ${end} markers`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

/** Formats Markdown the way `npm run lint` expects it (Biome pads table columns). */
export function format(text, file = 'README.md') {
  const biome = spawnSync('node_modules/.bin/biome', ['format', `--stdin-file-path=${file}`], {
    input: text,
    encoding: 'utf8',
  });
  if (biome.status !== 0) throw new Error(`biome format failed: ${biome.stderr}`);
  return biome.stdout;
}

/**
 * Replaces each marker's part of `file` (relative to the repository root) with its body; with
 * --check on the command line, exits 1 (and prints `hint`) when the file differs instead of
 * writing it.
 */
export function updateSections(file, bodies, hint) {
  const text = readFileSync(file, 'utf8');
  let next = text;
  for (const [marker, body] of Object.entries(bodies))
    next = replaceBetween(next, marker, body, file);
  next = format(next, file);
  if (process.argv.includes('--check')) {
    if (next !== text) {
      console.error(hint);
      process.exit(1);
    }
  } else {
    writeFileSync(file, next);
  }
}
