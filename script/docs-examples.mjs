// Writes the example workflows of examples/*.yml into docs/examples.md, between the markers
// <!-- examples:start --> … <!-- examples:end -->: for each file a heading (from its first line,
// "# Title: …"), one sentence (its second line, "# …"), a link, and the rest of the file in a
// yaml fence.
//   node script/docs-examples.mjs          rewrite docs/examples.md
//   node script/docs-examples.mjs --check  exit 1 when docs/examples.md differs from examples/
// (`npm run readme` runs it; `npm run lint` and __tests__/examples.test.ts run the check.)
import { readdirSync, readFileSync } from 'node:fs';
import { updateSections } from './readme-sections.mjs';

/** The order on the page; files not named here follow in alphabetical order. */
const ORDER = [
  'platform-demo.yml',
  'vecton.yml',
  'profile-cd.yml',
  'enterprise.yml',
  'essensys.yml',
  'matrix.yml',
  'fan-in.yml',
  'rollback.yml',
  'github-app-token.yml',
];

function exampleFiles(dir = 'examples') {
  const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
  const rank = (name) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  return files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Splits an example into its title, its description and the workflow below them. */
function parseExample(path, text) {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const title = /^# Title: (.+)$/.exec(lines[0] ?? '')?.[1]?.trim();
  const description = /^# (.+)$/.exec(lines[1] ?? '')?.[1]?.trim();
  if (!title) throw new Error(`${path}: the first line must be "# Title: <title>"`);
  if (!description || description.startsWith('Title:'))
    throw new Error(`${path}: the second line must be "# <one sentence of description>"`);
  const body = lines.slice(2).join('\n').trim();
  if (body.includes('```')) throw new Error(`${path}: contains a Markdown fence`);
  return { title, description, body };
}

function examplesSection(dir = 'examples') {
  const parts = [
    'Complete workflows, one per reference set-up and pattern. Each is a file in',
    `[${dir}/](../${dir}/), linted with actionlint and checked against \`action.yml\` by the tests.`,
  ];
  for (const name of exampleFiles(dir)) {
    const path = `${dir}/${name}`;
    const { title, description, body } = parseExample(path, readFileSync(path, 'utf8'));
    parts.push(
      '',
      `## ${title}`,
      '',
      `${description} ([${path}](../${path}))`,
      '',
      '```yaml',
      body,
      '```',
    );
  }
  return parts.join('\n');
}

updateSections(
  'docs/examples.md',
  { examples: examplesSection() },
  'docs/examples.md differs from examples/*.yml; run: npm run readme',
);
