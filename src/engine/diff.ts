// The unified diff of a bump, for dry runs.
import { createTwoFilesPatch } from 'diff';
import type { BumpReport } from './bump-files.js';

/** One unified diff per changed file, `a/` and `b/` prefixed as git prints them. */
export function unifiedDiff(report: BumpReport): string {
  return report.files
    .filter((file) => file.changed)
    .map((f) =>
      createTwoFilesPatch(`a/${f.path}`, `b/${f.path}`, f.before, f.after, undefined, undefined, {
        context: 3,
      }),
    )
    .join('');
}
