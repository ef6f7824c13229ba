// The layers of src/, as README.md's Layout section draws them: every import points down (or
// stays on its own rank), every top-level room under src/ has a rank, and the drawn tree names
// every room. Ranks: engine 0; stores and registry 1; run 2; action and cli 3; the entry files 4.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** Rank of each top-level folder under src/, and of each entry file. */
const RANKS: Record<string, number> = {
  engine: 0,
  stores: 1,
  registry: 1,
  run: 2,
  action: 3,
  cli: 3,
  'index.ts': 4,
  'main.ts': 4,
  'cli.ts': 4,
};

/** Every .ts file under `dir`, relative to src/. */
function sources(dir = src): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [relative(src, path)] : [];
  });
}

/** The room of a path relative to src/: its top-level folder, or the file itself. */
function room(path: string): string {
  return path.split(/[\\/]/)[0]!;
}

/** The relative module specifiers a file imports or re-exports (static and dynamic). */
function importsOf(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^;]*?\sfrom\s*['"]([^'"]+)['"]/gms,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns)
    for (const m of text.matchAll(pattern)) if (m[1]!.startsWith('.')) found.push(m[1]!);
  return found;
}

/** Every import of a file in src/ that points to a higher rank, as "file → target". */
function upwardImports(files: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const from = RANKS[room(file)];
    for (const spec of importsOf(text)) {
      // Sources import each other by their emitted name (`./main.js` is src/main.ts).
      const target = relative(src, resolve(src, dirname(file), spec)).replace(/\.js$/, '.ts');
      if (target.startsWith('..')) {
        problems.push(`${file} → ${spec} (outside src/)`);
        continue;
      }
      const to = RANKS[room(target)];
      if (from === undefined || to === undefined || to > from)
        problems.push(`${file} (rank ${from}) → ${target} (rank ${to})`);
    }
  }
  return problems;
}

const files = Object.fromEntries(
  sources().map((file) => [file, readFileSync(join(src, file), 'utf8')]),
);

describe('the layers of src/', () => {
  it('ranks every top-level folder and file under src/', () => {
    const rooms = readdirSync(src).filter((name) => name !== 'tsconfig.json');
    const unranked = rooms.filter((name) => !(name in RANKS));
    expect(unranked).toEqual([]);
  });

  it('has every import pointing down or sideways', () => {
    expect(Object.keys(files).length).toBeGreaterThan(30);
    expect(upwardImports(files)).toEqual([]);
  });

  it('catches an upward import, a re-export and a dynamic import', () => {
    expect(
      upwardImports({
        'engine/plan.ts': "import { runBump } from '../run/run.js';\n",
        'stores/workspace.ts': "export { run } from '../action/main.js';\n",
        'run/run.ts': "const m = await import('../cli/main.js');\n",
        'stores/git/repository.ts':
          "import {\n  bumpFiles,\n  type BumpReport,\n} from '../../engine/bump-files.js';\n",
        'cli/main.ts': "import { runBump } from '../run/run.js';\n",
      }),
    ).toEqual([
      'engine/plan.ts (rank 0) → run/run.ts (rank 2)',
      'stores/workspace.ts (rank 1) → action/main.ts (rank 3)',
      'run/run.ts (rank 2) → cli/main.ts (rank 3)',
    ]);
  });

  it('is drawn in README.md: the Layout tree names every folder under src/ and every entry file', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const layout = readme.slice(readme.indexOf('## Layout'));
    const tree = layout.slice(0, layout.indexOf('```', layout.indexOf('```') + 3));
    const folders = [
      ...new Set(Object.keys(files).map((file) => dirname(file).split('\\').join('/'))),
    ].filter((dir) => dir !== '.');
    const missing = [...folders, ...Object.keys(RANKS).filter((n) => n.endsWith('.ts'))].filter(
      (name) => !tree.includes(`${name.split('/').pop()}${name.endsWith('.ts') ? '' : '/'}`),
    );
    expect(missing).toEqual([]);
  });
});
