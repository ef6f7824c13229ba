// Commit messages, pull-request titles and bodies (templates with {{placeholders}}), and the
// deterministic pull-request branch name. Pure.
import { createRequire } from 'node:module';
import type { BumpReport } from '../engine/bump-files.js';
import { InputError } from '../engine/bumps.js';
import { shortName } from '../engine/image-ref.js';
import type { Bump } from '../engine/types.js';

/**
 * node:crypto's sha256, loaded on first use: only GitHub runs name a pull-request branch, and a
 * start that loads crypto pays for its whole module tree (streams, keys, ciphers).
 */
function sha256() {
  const crypto = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256');
}

/** The placeholders a template may use, and what each becomes. */
export const PLACEHOLDERS: Record<string, string> = {
  image: 'the first image name, e.g. ghcr.io/org/app',
  name: 'its last path component, e.g. app',
  tag: 'its new tag (or digest)',
  'previous-tag': 'its tag before the bump',
  images: 'every image and its new tag: "app to 1.4.2, api to 2.0.0"',
  files: 'the changed files, comma-separated',
  changes: 'one line per change: "- file:line image old → new"',
};

/** The default commit message: a headline and a list of the changes. */
export const DEFAULT_COMMIT_MESSAGE = 'Bump {{images}}\n\n{{changes}}';
/** The default pull-request title. */
export const DEFAULT_PR_TITLE = 'Bump {{images}}';

/** Checks that a template uses only known placeholders. */
export function checkTemplate(input: string, template: string): void {
  for (const match of template.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
    const name = match[1] ?? '';
    if (!(name in PLACEHOLDERS)) {
      throw new InputError(
        `${input}: unknown placeholder '{{${name}}}' in '${template.split('\n')[0]}'. Use ${Object.keys(
          PLACEHOLDERS,
        )
          .map((p) => `{{${p}}}`)
          .join(', ')}.`,
      );
    }
  }
}

function newValue(bump: Bump): string {
  return bump.tag ?? bump.digest ?? '';
}

/** The values of the placeholders for a report. */
export function placeholderValues(
  report: BumpReport,
  bumps: readonly Bump[],
): Record<string, string> {
  const first = bumps[0];
  const changed = report.occurrences.filter((o) => o.changed);
  const previous = first
    ? (changed.find((o) => o.image === first.image.name)?.from ??
      report.occurrences.find((o) => o.image === first.image.name)?.from ??
      '')
    : '';
  const moved = bumps.filter((b) => changed.some((o) => o.image === b.image.name));
  const listed = moved.length > 0 ? moved : bumps;
  return {
    image: first?.image.name ?? '',
    name: first ? shortName(first.image) : '',
    tag: first ? newValue(first) : '',
    'previous-tag': previous,
    images: listed.map((b) => `${shortName(b.image)} to ${newValue(b)}`).join(', '),
    files: report.files
      .filter((f) => f.changed)
      .map((f) => f.path)
      .join(', '),
    changes: changed
      .map((o) => `- ${o.file}:${o.line} ${o.image} ${o.from || '(none)'} → ${o.to}`)
      .join('\n'),
  };
}

/** Fills a template's placeholders. */
export function render(template: string, values: Record<string, string>): string {
  return template.replace(
    /\{\{\s*([^}]*?)\s*\}\}/g,
    (whole, name: string) => values[name] ?? whole,
  );
}

/** A commit message split as GitHub's createCommitOnBranch takes it. */
export function commitMessage(
  template: string,
  report: BumpReport,
  bumps: readonly Bump[],
): { headline: string; body: string } {
  const text = render(template, placeholderValues(report, bumps)).replace(/\r\n/g, '\n');
  const [headline = '', ...rest] = text.split('\n');
  return {
    headline: headline.trim() || `Bump ${placeholderValues(report, bumps).images}`,
    body: rest.join('\n').replace(/^\n+|\s+$/g, ''),
  };
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The default pull-request body: a table of the changes, and where the bump came from. */
export function defaultPullBody(report: BumpReport, runUrl: string | undefined): string {
  const rows = report.occurrences
    .filter((o) => o.changed)
    .map(
      (o) =>
        `| ${cell(`${o.file}:${o.line}`)} | ${cell(o.image)} | ${cell(o.from || '(none)')} | ${cell(o.to)} |`,
    );
  return [
    '| file | image | from | to |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    runUrl ? `Opened by [gitops-bump](${runUrl}).` : 'Opened by gitops-bump.',
    '',
  ].join('\n');
}

/**
 * The pull-request branch: one per image set, target branch, files and container, so that
 * reruns and newer builds of the same images update the same pull request.
 */
export function defaultPullBranch(
  bumps: readonly Bump[],
  scope: { branch?: string; files: readonly string[]; container?: string },
): string {
  const names = bumps.map((b) => b.image.name).sort();
  const hash = sha256()
    .update(
      JSON.stringify({
        names,
        branch: scope.branch ?? '',
        files: [...scope.files].sort(),
        container: scope.container ?? '',
      }),
    )
    .digest('hex')
    .slice(0, 8);
  const first = bumps[0] ? shortName(bumps[0].image) : 'images';
  const slug = first
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 40);
  const more = bumps.length > 1 ? `-and-${bumps.length - 1}-more` : '';
  return `gitops-bump/${slug || 'image'}${more}-${hash}`;
}

/**
 * The marker at the end of every pull-request body this action writes: the images it bumps, so
 * that a later run can tell its own older pull requests for the same images (to supersede them).
 */
export function pullMarker(bumps: readonly Bump[]): string {
  const names = [...new Set(bumps.map((b) => b.image.name))].sort();
  return `<!-- gitops-bump images: ${names.join(' ')} -->`;
}

/** The images a body's marker names; undefined when the body has no marker (not this action's). */
export function markedImages(body: string): string[] | undefined {
  const match = /<!-- gitops-bump images: ([^>]*?) -->/.exec(body);
  return match ? match[1]!.split(' ').filter(Boolean) : undefined;
}
