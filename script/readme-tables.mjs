// Writes the inputs and outputs tables of README.md from action.yml, between the markers
// <!-- inputs:start --> … <!-- inputs:end --> and <!-- outputs:start --> … <!-- outputs:end -->.
//   node script/readme-tables.mjs          rewrite README.md
//   node script/readme-tables.mjs --check  exit 1 when README.md differs from action.yml
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { updateSections } from './readme-sections.mjs';

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

updateSections(
  'README.md',
  { inputs, outputs },
  'README.md tables differ from action.yml; run: npm run readme',
);
