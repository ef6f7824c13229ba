// The docs: README.md stays short, every relative link in README.md, CONTRIBUTING.md and docs/
// leads to a file (and heading) that exists, and the generated parts fail their checks when they
// drift from action.yml and examples/ (`npm run lint` runs the same checks).
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const pages = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');
}

function anchorsOf(page: string): Set<string> {
  const text = readFileSync(join(root, page), 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));
}

/** Relative links of a page (outside code fences) that lead nowhere, as "page: link". */
function brokenLinks(page: string): string[] {
  const text = readFileSync(join(root, page), 'utf8').replace(/```[\s\S]*?```/g, '');
  const broken: string[] = [];
  for (const [, link] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/.test(link!)) continue;
    const [path, anchor] = link!.split('#');
    const target = path ? relative(root, join(root, dirname(page), path)) : page;
    if (!existsSync(join(root, target))) broken.push(`${page}: ${link}`);
    else if (anchor && target.endsWith('.md') && !anchorsOf(target).has(anchor))
      broken.push(`${page}: ${link} (no such heading)`);
  }
  return broken;
}

describe('the docs', () => {
  it('keeps README.md at about 250 lines', () => {
    const lines = readFileSync(join(root, 'README.md'), 'utf8').split('\n').length;
    expect(lines).toBeLessThanOrEqual(260);
  });

  it('has docs/ pages for what the README links to', () => {
    expect(pages).toEqual(
      expect.arrayContaining([
        'docs/examples.md',
        'docs/how-it-works.md',
        'docs/version-policy.md',
        'docs/cli.md',
        'docs/troubleshooting.md',
      ]),
    );
  });

  it.each(pages)('%s has no broken relative link', (page) => {
    expect(brokenLinks(page)).toEqual([]);
  });
});

describe('the generated parts of the docs', () => {
  let copy: string;

  /** The docs and their sources in a temporary folder, where they can be made to drift. */
  beforeEach(() => {
    copy = mkdtempSync(join(tmpdir(), 'gitops-bump-docs-'));
    for (const path of ['README.md', 'action.yml', 'docs', 'examples'])
      cpSync(join(root, path), join(copy, path), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  });
  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  function check(script: string) {
    const r = spawnSync(process.execPath, [join(root, 'script', script), '--check'], {
      cwd: copy,
      encoding: 'utf8',
    });
    return { status: r.status, stderr: r.stderr };
  }

  it('match action.yml and examples/ as they are', () => {
    expect(check('readme-tables.mjs')).toEqual({ status: 0, stderr: '' });
    expect(check('docs-examples.mjs')).toEqual({ status: 0, stderr: '' });
  });

  it('fail the check when action.yml gains an input the README does not show', () => {
    const action = join(copy, 'action.yml');
    writeFileSync(
      action,
      readFileSync(action, 'utf8').replace(
        /^inputs:\n/m,
        'inputs:\n  brand-new:\n    description: A new input.\n    required: false\n',
      ),
    );
    expect(check('readme-tables.mjs')).toEqual({
      status: 1,
      stderr: 'README.md tables differ from action.yml; run: npm run readme\n',
    });
  });

  it('fail the check when an example changes and docs/examples.md does not', () => {
    const example = join(copy, 'examples', 'rollback.yml');
    writeFileSync(example, `${readFileSync(example, 'utf8')}# one more line\n`);
    expect(check('docs-examples.mjs')).toEqual({
      status: 1,
      stderr: 'docs/examples.md differs from examples/*.yml; run: npm run readme\n',
    });
  });
});
