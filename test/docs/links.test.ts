/**
 * Every link of the user and contributor pages resolves (issue 19).
 *
 * - A relative link (`docs/x.md`, `../README.md#install`, `testing.md`) names a file or folder of
 *   the repository, and its `#anchor`, if any, a heading of the target page.
 * - A link to a file of this repository on GitHub
 *   (`https://github.com/cdk-audit-baseline/cdk-audit-baseline/blob/main/<path>`) names a file
 *   that exists here, with the same anchor check.
 * - A `#anchor` names a heading of the same page.
 * - README.md links to repository files only by absolute URL: npm, PyPI and Construct Hub show
 *   it outside GitHub, where a relative link is broken.
 *
 * Anchors are GitHub's: the heading's text, lower case, without punctuation, spaces as hyphens,
 * `-1`, `-2`, ... for repeats. Links inside code (fenced blocks and `inline code`) are not links.
 * The self-tests at the end feed broken links through the same checker.
 */
import * as fs from 'fs';
import * as path from 'path';
import { markdownFiles } from './_snippets';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const REPO_URL = /^https:\/\/github\.com\/cdk-audit-baseline\/cdk-audit-baseline\/(?:blob|tree)\/main\/([^#?]*)(#.*)?$/;

const PAGES = [
  ...['README.md', 'CONTRIBUTING.md', 'SECURITY.md', 'BENCHMARKS.md', 'CHANGELOG.md'].map((f) => path.join(REPO_ROOT, f)),
  ...markdownFiles(path.join(REPO_ROOT, 'docs')),
];

/** One link of a page. */
interface Link {
  readonly line: number;
  readonly target: string;
}

/** The page with fenced code blocks and inline code blanked out (line numbers kept). */
function withoutCode(markdown: string): string[] {
  const lines = markdown.split(/\r?\n/);
  let fence: string | undefined;
  return lines.map((line) => {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (open && open[1][0] === fence[0] && open[1].length >= fence.length && line.trim() === open[1]) fence = undefined;
      return '';
    }
    if (open) {
      fence = open[1];
      return '';
    }
    return line.replace(/(`+)[^`]*?\1/g, '');
  });
}

/** The inline links `[text](target)` of a page. */
function linksOf(markdown: string): Link[] {
  const links: Link[] = [];
  withoutCode(markdown).forEach((line, i) => {
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ line: i + 1, target: m[1] });
    }
  });
  return links;
}

/** GitHub's anchors for the headings of a page. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const lines = markdown.split(/\r?\n/);
  let fence: string | undefined;
  for (const line of lines) {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (open && open[1][0] === fence[0] && line.trim() === open[1]) fence = undefined;
      continue;
    }
    if (open) {
      fence = open[1];
      continue;
    }
    const h = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const text = h[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/**
 * The problems of the links of `file` (absolute path), as `<file>:<line>: <target>: <why>`;
 * `readFile` and `exists` default to the file system (the self-tests pass their own).
 */
function brokenLinks(
  file: string,
  markdown: string,
  options: { requireAbsolute?: boolean; exists?: (p: string) => boolean; readFile?: (p: string) => string } = {},
): string[] {
  const exists = options.exists ?? ((p: string) => fs.existsSync(p));
  const readFile = options.readFile ?? ((p: string) => fs.readFileSync(p, 'utf-8'));
  const name = path.relative(REPO_ROOT, file).split(path.sep).join('/');
  const problems: string[] = [];
  const checkAnchor = (target: string, page: string, anchor: string, where: string) => {
    if (!page.toLowerCase().endsWith('.md')) return;
    if (page !== file && (!exists(page) || fs.statSync(page).isDirectory())) return;
    const markdownOfPage = page === file ? markdown : readFile(page);
    if (!anchorsOf(markdownOfPage).has(decodeURIComponent(anchor))) {
      problems.push(`${where}: ${target}: no heading for #${anchor} in ${path.relative(REPO_ROOT, page).split(path.sep).join('/')}`);
    }
  };
  for (const { line, target } of linksOf(markdown)) {
    const where = `${name}:${line}`;
    if (/^mailto:/i.test(target)) continue;
    if (/^https?:\/\//i.test(target)) {
      const repo = REPO_URL.exec(target);
      if (!repo) continue; // another site, or a page of the repository that is not a file (releases)
      const page = path.join(REPO_ROOT, decodeURIComponent(repo[1]));
      if (!exists(page)) {
        problems.push(`${where}: ${target}: ${repo[1]} does not exist in the repository`);
        continue;
      }
      if (repo[2]) checkAnchor(target, page, repo[2].slice(1), where);
      continue;
    }
    if (target.startsWith('#')) {
      checkAnchor(target, file, target.slice(1), where);
      continue;
    }
    if (options.requireAbsolute) {
      problems.push(`${where}: ${target}: a relative link, broken outside GitHub; use https://github.com/cdk-audit-baseline/cdk-audit-baseline/blob/main/<path>`);
      continue;
    }
    const [relative, anchor] = target.split('#', 2);
    const page = path.resolve(path.dirname(file), decodeURIComponent(relative));
    if (!exists(page)) {
      problems.push(`${where}: ${target}: ${path.relative(REPO_ROOT, page).split(path.sep).join('/')} does not exist`);
      continue;
    }
    if (anchor) checkAnchor(target, page, anchor, where);
  }
  return problems;
}

describe('links of the user and contributor pages resolve', () => {
  test('the pages are there to check', () => {
    expect(PAGES.filter((p) => !fs.existsSync(p))).toEqual([]);
    expect(PAGES.map((p) => path.relative(REPO_ROOT, p).split(path.sep).join('/')))
      .toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/testing.md', 'docs/guardrails.md']));
  });

  test.each(PAGES.map((p) => [path.relative(REPO_ROOT, p).split(path.sep).join('/'), p] as const))('%s', (name, file) => {
    const markdown = fs.readFileSync(file, 'utf-8');
    expect(brokenLinks(file, markdown, { requireAbsolute: name === 'README.md' })).toEqual([]);
  });

  test('README.md links every capability page of docs/', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf-8');
    const linked = new Set(linksOf(readme).map((l) => REPO_URL.exec(l.target)?.[1]).filter((p) => p !== undefined));
    const pages = ['docs/access.md', 'docs/event-streams.md', 'docs/stacksets.md', 'docs/guardrails.md', 'docs/validation.md', 'docs/cli.md', 'docs/scope.md',
      'docs/presets/aria-secure-clouds.md', 'docs/presets/skyhigh-nrt.md', 'docs/presets/sky-formation.md', 'CONTRIBUTING.md'];
    expect(pages.filter((p) => !linked.has(p))).toEqual([]);
  });
});

describe('self-test: broken links are reported', () => {
  const file = path.join(REPO_ROOT, 'docs', 'broken.md');
  const page = [
    '# Broken on purpose', //                                                                             1
    '', //                                                                                                2
    'A [missing page](missing.md), a [good one](access.md) and [a bad anchor](access.md#no-such).', //   3
    'A [repo file](https://github.com/cdk-audit-baseline/cdk-audit-baseline/blob/main/docs/nope.md).', // 4
    'Here: [self](#broken-on-purpose), [not here](#elsewhere), [site](https://aws.amazon.com/cdk/).', //  5
    '`[in code](missing-too.md)`', //                                                                     6
    '```md', //                                                                                           7
    '[in a fence](missing-three.md)', //                                                                  8
    '```', //                                                                                             9
  ].join('\n');

  test('each broken link is named with its line, nothing else', () => {
    expect(brokenLinks(file, page)).toEqual([
      'docs/broken.md:3: missing.md: docs/missing.md does not exist',
      'docs/broken.md:3: access.md#no-such: no heading for #no-such in docs/access.md',
      'docs/broken.md:4: https://github.com/cdk-audit-baseline/cdk-audit-baseline/blob/main/docs/nope.md: docs/nope.md does not exist in the repository',
      'docs/broken.md:5: #elsewhere: no heading for #elsewhere in docs/broken.md',
    ]);
  });

  test('with requireAbsolute, a relative link is reported even when its file exists', () => {
    expect(brokenLinks(path.join(REPO_ROOT, 'README.md'), '[x](docs/access.md) [y](#z)\n\n## Z\n', { requireAbsolute: true }))
      .toEqual([expect.stringMatching(/^README\.md:1: docs\/access\.md: a relative link, broken outside GitHub/)]);
  });

  test('anchors are GitHub\'s: punctuation and code marks dropped, repeats numbered', () => {
    expect([...anchorsOf('# A: `b` and c\n## Why?\n## Why?\n```\n# not a heading\n```\n### [Link](x.md) here')])
      .toEqual(['a-b-and-c', 'why', 'why-1', 'link-here']);
  });
});
