/**
 * The README is for users (issue 19): its first screen says what the library is, how to install
 * and import it in every language, a quick start and the constructs; the guardrails section keeps
 * the threat model and the residual risks (issue 13); the contributing section keeps the two
 * commands a fresh machine needs (the main job and every test), which must be scripts that exist.
 * Contributor material lives in CONTRIBUTING.md and docs/testing.md.
 */
import * as fs from 'fs';
import * as path from 'path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const README = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf-8');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf-8'));

/** The `##` sections of a page, by title, in order. */
function sections(markdown: string): { title: string; line: number; body: string }[] {
  const lines = markdown.split('\n');
  const starts = lines.flatMap((l, i) => (/^## /.test(l) ? [i] : []));
  return starts.map((start, k) => ({
    title: lines[start].slice(3).trim(),
    line: start + 1,
    body: lines.slice(start + 1, starts[k + 1] ?? lines.length).join('\n'),
  }));
}

function section(title: string): string {
  const found = sections(README).find((s) => s.title.startsWith(title));
  if (!found) throw new Error(`README.md has no "## ${title}" section`);
  return found.body;
}

describe('README.md, first screen', () => {
  test('install, quick start and constructs come first, in that order, within the first 100 lines', () => {
    const titles = sections(README);
    expect(titles.slice(0, 3).map((s) => s.title)).toEqual(['Install', 'Quick start', 'Constructs']);
    expect(titles[2].line).toBeLessThanOrEqual(100);
  });

  test('the install table names the published packages of every language, from package.json', () => {
    const install = section('Install');
    const { python, java, dotnet, go } = PACKAGE.jsii.targets;
    expect(install).toContain(`npm install ${PACKAGE.name}`);
    expect(install).toContain(`pip install ${python.distName}`);
    expect(install).toContain(`${java.maven.groupId}:${java.maven.artifactId}`);
    expect(install).toContain(`NuGet \`${dotnet.packageId}\``);
    expect(install).toContain(`${go.moduleName}/${PACKAGE.name.replace(/-/g, '')}`);
  });

  test('the imports are the ones each language uses', () => {
    const install = section('Install');
    const { python, java, dotnet } = PACKAGE.jsii.targets;
    expect(install).toContain(`import * as audit from '${PACKAGE.name}';`);
    expect(install).toContain(`import ${python.module} as audit`);
    expect(install).toContain(`import ${java.package}.*;`);
    expect(install).toContain(`using ${dotnet.namespace};`);
  });

  test('the quick start is a TypeScript and a Python program', () => {
    const quick = section('Quick start');
    expect(quick).toMatch(/```ts nofixture\n[\s\S]*import \* as audit from 'cdk-audit-baseline';[\s\S]*new App\(\)/);
    expect(quick).toMatch(/```python\n[\s\S]*import cdk_audit_baseline as audit[\s\S]*App\(\)/);
  });

  test('the peer dependency floors in the install section are package.json\'s', () => {
    const install = section('Install');
    for (const [name, range] of Object.entries(PACKAGE.peerDependencies as Record<string, string>)) {
      expect(install).toContain(`\`${name}\` (${range.replace(/^\^/, '')} or later`);
    }
  });
});

describe('README.md, the guardrails section', () => {
  const guardrails = section('Guardrails');

  test('keeps the threat model with its four attackers', () => {
    const threat = guardrails.slice(guardrails.indexOf('### Threat model'));
    expect(guardrails).toContain('### Threat model');
    for (const attacker of ['A member-account administrator', 'The vendor\'s principal', 'An outsider account', 'A careless configuration']) {
      expect(threat).toContain(`**${attacker}`);
    }
  });

  test('keeps the residual risks', () => {
    expect(guardrails).toContain('### Residual risks');
    expect(guardrails).toContain('**The management account**');
  });
});

describe('README.md, contributing', () => {
  const contributing = section('Contributing');

  test.each([
    ['the main job', 'bash scripts/main.sh'],
    ['every test', 'bash scripts/test-all.sh'],
  ])('gives one command for %s, and its script exists', (_what, command) => {
    expect(contributing).toContain(`\`${command}\``);
    expect(fs.existsSync(path.join(REPO_ROOT, command.split(' ')[1]))).toBe(true);
  });

  test('contributor material is not in the README: the emulator, its gaps and the timings are in docs/testing.md', () => {
    const testing = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'testing.md'), 'utf-8');
    for (const text of ['moto_server', 'What the emulator cannot do', 'Timing, measured']) {
      expect({ text, inReadme: README.includes(text), inTesting: testing.includes(text) }).toEqual({ text, inReadme: false, inTesting: true });
    }
  });
});
