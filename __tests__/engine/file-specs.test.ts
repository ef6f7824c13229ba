// The `files` lines without a glob are resolved by file-specs.ts alone (the action's start does so
// before picomatch loads, src/run/first-read.ts): for them, includedTargets must give exactly what
// the run's expandFileSpecs gives, targets or error.
import fc from 'fast-check';
import { expandFileSpecs } from '../../src/engine/file-globs.js';
import { FileSpecError, includedTargets, parseFileSpecs } from '../../src/engine/file-specs.js';

/** Either the targets or the error's message. */
function outcome(resolve: () => unknown): unknown {
  try {
    return resolve();
  } catch (error) {
    return { error: error instanceof FileSpecError ? error.message : String(error) };
  }
}

const path = fc.constantFrom('a.yaml', 'apps/web/values.yaml', 'b#c.yaml', 'b', 'apps/x.yml');
const line = fc
  .tuple(path, fc.option(fc.constantFrom('image', 'spec.image', 'data.web')))
  .map(([p, key]) => (key ? `${p}#${key}` : p));

it('lines without a glob or an exclusion: the same targets or error as expandFileSpecs', () => {
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), fc.array(path), (lines, paths) => {
      const specs = parseFileSpecs(lines);
      const named = outcome(() => includedTargets(specs, paths));
      expect(named).toEqual(outcome(() => expandFileSpecs(specs, paths)));
    }),
    { numRuns: 300 },
  );
});

it('a line with a glob needs the matcher: without one it is refused, never read as a path', () => {
  const specs = parseFileSpecs(['apps/*.yaml']);
  expect(() => includedTargets(specs, ['apps/*.yaml'])).toThrow(/is a glob/);
  expect(expandFileSpecs(specs, ['apps/a.yaml', 'apps/*.yaml', 'b.yaml'])).toEqual([
    { path: 'apps/*.yaml', keyPaths: [] },
    { path: 'apps/a.yaml', keyPaths: [] },
  ]);
});
