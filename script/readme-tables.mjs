// Writes the inputs and outputs tables of README.md from action.yml, between the markers
// <!-- inputs:start --> … <!-- inputs:end --> and <!-- outputs:start --> … <!-- outputs:end -->.
//   node script/readme-tables.mjs          rewrite README.md
//   node script/readme-tables.mjs --check  exit 1 when README.md differs from action.yml
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const action = parse(readFileSync('action.yml', 'utf8'));

function cell(text) {
  return String(text ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

function code(text) {
  return text === '' ? '' : `\`${String(text).replace(/\n/g, '\\n')}\``;
}

const inputs = [
  '| input | default | description |',
  '| --- | --- | --- |',
  ...Object.entries(action.inputs).map(
    ([name, spec]) =>
      `| \`${name}\`${spec.required ? ' (required)' : ''} | ${code(spec.default ?? '')} | ${cell(spec.description)} |`,
  ),
].join('\n');

const outputs = [
  '| output | description |',
  '| --- | --- |',
  ...Object.entries(action.outputs).map(
    ([name, spec]) => `| \`${name}\` | ${cell(spec.description)} |`,
  ),
].join('\n');

function replaceBetween(text, marker, body) {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} markers`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}

/** Formats Markdown the way `npm run lint` expects it (Biome pads the table columns). */
function format(text) {
  const biome = spawnSync('node_modules/.bin/biome', ['format', '--stdin-file-path=README.md'], {
    input: text,
    encoding: 'utf8',
  });
  if (biome.status !== 0) throw new Error(`biome format failed: ${biome.stderr}`);
  return biome.stdout;
}

const readme = readFileSync('README.md', 'utf8');
const next = format(replaceBetween(replaceBetween(readme, 'inputs', inputs), 'outputs', outputs));
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md tables differ from action.yml; run: node script/readme-tables.mjs');
    process.exit(1);
  }
} else {
  writeFileSync('README.md', next);
}
