// The CLI door: `gitops-bump --image REF --files GLOB[#KEYPATH] ...` on files on disk.
// Same core as the action; exit 0 whether or not anything changed, non-zero with a message
// for anything the user has to fix.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BumpReport } from '../core/bump-files.js';
import { parseBumps } from '../core/bumps.js';
import { unifiedDiff } from '../core/diff.js';
import { parseFileSpecs } from '../core/file-specs.js';
import { checkPolicy, type VersionPolicy } from '../engine/policy.js';
import { editWorkspace, writeChanged } from '../local/workspace.js';

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export const USAGE = `Usage: gitops-bump --image REF [--image REF ...] --files GLOB[#KEYPATH] [--files ...]
                   [--container NAME] [--cwd DIR] [--tag TAG] [--digest DIGEST]
                   [--pin-digest] [--version-filter RANGE] [--allow-downgrade]
                   [--on-policy-violation skip|fail] [--tag-pattern REGEX] [--dry-run] [--json]

Bumps the tag (or digest) of each image wherever the files reference it, changing
only the bytes of the tag or digest.

  --image REF        the image to deploy: registry/name:tag, name@sha256:..., name:tag@sha256:...
  --files GLOB       a file or glob relative to --cwd; append #KEYPATH (e.g.
                     image-versions.yaml#data.backend) to write into a key that does not name the image
  --container NAME   only containers (and compose services) with this name
  --tag, --digest    the tag or digest for a bare --image name
  --pin-digest       give references that carry only a tag the digest too
  --version-filter RANGE
                     a semver range the new tag must satisfy (e.g. ^1.0.0)
  --allow-downgrade  allow a lower version than the one in the file (a rollback)
  --on-policy-violation skip|fail
                     a refused bump leaves that place as it is (skip, default) or fails
                     the whole run, writing nothing (fail)
  --tag-pattern REGEX
                     a regular expression with a named group 'version' for other tag forms
  --cwd DIR          the repository root (default: the current directory)
  --dry-run          print a unified diff, write nothing
  --json             print the change report as JSON
  --help             this text

Exit status: 0 whether or not anything changed; 1 when something must be fixed; 2 for usage errors.`;

function describeReport(report: BumpReport): string {
  const lines: string[] = [];
  for (const o of report.occurrences) {
    const arrow =
      o.verdict?.decision === 'skipped'
        ? `${o.from || '(none)'} -> ${o.to} not bumped: ${o.verdict.reason}`
        : o.changed
          ? `${o.from || '(none)'} -> ${o.to}`
          : `${o.to} (already)`;
    lines.push(
      `${o.file}:${o.line}  ${o.image}  ${arrow}${o.notes.length ? `  [${o.notes.join('; ')}]` : ''}`,
    );
  }
  for (const s of report.skipped)
    lines.push(`${s.file}:${s.line}  ${s.image}  skipped: ${s.reason}`);
  const changedFiles = report.files.filter((f) => f.changed).length;
  const changes = report.occurrences.filter((o) => o.changed).length;
  const refused = report.occurrences.filter((o) => o.verdict?.decision === 'skipped').length;
  const refusedNote = refused ? `; ${refused} refused by the version policy` : '';
  lines.push(
    report.changed
      ? `${changes} change${changes === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}${refusedNote}`
      : refused
        ? `no change: ${refused} refused by the version policy`
        : 'no change: every file already holds the requested version',
  );
  return `${lines.join('\n')}\n`;
}

/** The JSON change report of --json. */
export function jsonReport(report: BumpReport, dryRun: boolean): unknown {
  return {
    changed: report.changed,
    dryRun,
    files: report.files.filter((f) => f.changed).map((f) => f.path),
    changes: report.occurrences
      .filter((o) => o.changed)
      .map((o) => ({
        file: o.file,
        line: o.line,
        image: o.image,
        from: o.from,
        to: o.to,
        kind: o.kind,
        path: o.path,
        notes: o.notes,
      })),
    unchanged: report.occurrences
      .filter((o) => !o.changed && o.verdict?.decision !== 'skipped')
      .map((o) => ({ file: o.file, line: o.line, image: o.image, value: o.to })),
    refused: report.occurrences
      .filter((o) => o.verdict?.decision === 'skipped')
      .map((o) => ({
        file: o.file,
        line: o.line,
        image: o.image,
        from: o.from,
        to: o.to,
        reason: o.verdict?.reason,
      })),
    skipped: report.skipped.map((s) => ({
      file: s.file,
      line: s.line,
      image: s.image,
      path: s.path,
      reason: s.reason,
    })),
  };
}

/** Runs the CLI with the given arguments; resolves to the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr(
      `gitops-bump: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`,
    );
    return 2;
  }
  const { values } = args;
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (!values.image?.length || !values.files?.length) {
    io.stderr(
      `gitops-bump: ${!values.image?.length ? '--image' : '--files'} is required.\n\n${USAGE}\n`,
    );
    return 2;
  }
  try {
    const root = resolve(io.cwd, values.cwd ?? '.');
    const bumps = parseBumps(
      values.image,
      { image: '--image', tag: '--tag', digest: '--digest' },
      values.tag,
      values.digest,
    );
    const policy: VersionPolicy = { allowDowngrade: values['allow-downgrade'] === true };
    if (values['version-filter']?.trim()) policy.filter = values['version-filter'].trim();
    if (values['tag-pattern']?.trim()) policy.tagPattern = values['tag-pattern'].trim();
    checkPolicy(policy, { filter: '--version-filter', tagPattern: '--tag-pattern' });
    const onViolation = values['on-policy-violation'] ?? 'skip';
    if (onViolation !== 'skip' && onViolation !== 'fail') {
      io.stderr(`gitops-bump: --on-policy-violation: '${onViolation}' is not one of skip, fail.\n`);
      return 2;
    }
    const options = {
      ...(values.container !== undefined && { container: values.container }),
      ...(values['pin-digest'] && { pinDigest: true }),
      policy,
      onViolation: onViolation as 'skip' | 'fail',
    };
    const report = editWorkspace(root, parseFileSpecs(values.files), bumps, options);
    const dryRun = values['dry-run'] === true;
    if (!dryRun) writeChanged(root, report);
    if (values.json) io.stdout(`${JSON.stringify(jsonReport(report, dryRun), null, 2)}\n`);
    else {
      if (dryRun) io.stdout(unifiedDiff(report));
      io.stdout(describeReport(report));
    }
    return 0;
  } catch (error) {
    io.stderr(`gitops-bump: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      image: { type: 'string', multiple: true },
      files: { type: 'string', multiple: true },
      container: { type: 'string' },
      cwd: { type: 'string' },
      tag: { type: 'string' },
      digest: { type: 'string' },
      'pin-digest': { type: 'boolean' },
      'version-filter': { type: 'string' },
      'allow-downgrade': { type: 'boolean' },
      'on-policy-violation': { type: 'string' },
      'tag-pattern': { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
