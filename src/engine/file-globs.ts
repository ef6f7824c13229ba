// The `files` lines matched against a repository's file list: the globs and the `!` exclusions,
// with picomatch (dot files included). Parsing the lines, and the lines without a glob, are
// ./file-specs.ts's: the run's start needs those before picomatch loads.
import picomatch from 'picomatch';
import {
  type DescribePath,
  type FileSpec,
  FileSpecError,
  type FileTarget,
  includedTargets,
} from './file-specs.js';

const glob = (pattern: string) => picomatch(pattern, { dot: true });

/** Expands the specs against the repository's file list; every spec must match a file. */
export function expandFileSpecs(
  specs: readonly FileSpec[],
  paths: readonly string[],
  describe?: DescribePath,
): FileTarget[] {
  const includes = specs.filter((s) => !s.exclude);
  const excludes = specs.filter((s) => s.exclude);
  const targets = includedTargets(includes, paths, describe, glob);
  if (excludes.length === 0) return targets;
  const matchers = excludes.map((s) => ({ spec: s, isMatch: glob(s.pattern) }));
  const excludedBy = (path: string) => matchers.find((m) => m.isMatch(path))?.spec;
  for (const spec of includes) {
    const named = matcherOf(spec);
    const mine = targets.filter((t) => named(t.path));
    const by = mine.map((t) => excludedBy(t.path));
    if (mine.length > 0 && by.every(Boolean)) {
      const lines = [...new Set(by.map((s) => `'${s!.raw}'`))].join(', ');
      throw new FileSpecError(
        `files: every file '${spec.raw}' names is excluded by ${lines} (${mine
          .map((t) => t.path)
          .slice(0, 5)
          .join(', ')}); remove the exclusion or that line.`,
      );
    }
  }
  return targets.filter((t) => !excludedBy(t.path));
}

/** The test of whether a path is one an include line names (a glob compiled once). */
function matcherOf(spec: FileSpec): (path: string) => boolean {
  if (!spec.isGlob) return (path) => path === spec.pattern || path === spec.literal;
  return glob(spec.pattern);
}
