/**
 * Compile and run the TypeScript snippets of markdown pages, as
 * `jsii-rosetta extract --strict` does for README.md and `@example`, but for
 * pages rosetta never reads (`docs/**\/*.md`).
 *
 * - `extractSnippets(markdown, file)`: the fenced ts/typescript blocks, with the line of each fence.
 * - `composeSnippet(snippet, repoRoot)`: the program rosetta builds (fixture, imports hoisted, snippet
 *   at `/// here`), with a map from each program line back to the markdown or fixture line.
 * - `typeCheckSnippets(snippets, repoRoot)`: one TypeScript `Program` for all of them, with
 *   `cdk-audit-baseline` resolved to `src/index.ts`; diagnostics as `<file>:<line>:<col> TS<code>: <text>`.
 * - `runSnippet(snippet)`: transpile, run the fixture, synthesize every `App` the code defined;
 *   problems as `<file>:<line>: <text>`, and the stacks synthesized.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdk from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import * as ts from 'typescript';
import * as library from '../../src';

/** The package name snippets import the library by. */
export const LIBRARY_MODULE = 'cdk-audit-baseline';

/** One fenced TypeScript block of a markdown page. */
export interface DocSnippet {
  /** The markdown file, relative to the repo root, with `/` separators. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The code between the fences, indentation of an indented fence removed. */
  readonly source: string;
  /** Rosetta parameters from the info string (`ts nofixture`, `ts fixture=name`). */
  readonly parameters: { readonly [key: string]: string };
  /** The text of the closest heading above the fence, '' if none. */
  readonly heading: string;
}

/** Where a line of a composed program comes from. */
export interface LineOrigin {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
}

/** A snippet completed into a whole program. */
export interface ComposedSnippet {
  readonly snippet: DocSnippet;
  /** `<file>:<line>` of the fence: the test name and the key of the maps below. */
  readonly name: string;
  /** Absolute path of the virtual source file (next to the markdown file, never written). */
  readonly fileName: string;
  readonly text: string;
  /** `origins[i]` is where line `i` (0-based) of `text` comes from. */
  readonly origins: LineOrigin[];
  /** Names of values the snippet only declares (`declare const x: T`): the type check can use them, a run cannot. */
  readonly declaredOnly: string[];
  /** A problem found while composing (a missing fixture), reported by both checks. */
  readonly composeProblem?: string;
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/;

/** The ts/typescript fenced blocks of `markdown` (CommonMark fences; indented code blocks are not TypeScript). */
export function extractSnippets(markdown: string, file: string): DocSnippet[] {
  const lines = markdown.split(/\r?\n/);
  const result: DocSnippet[] = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE_OPEN.exec(lines[i]);
    if (!open) {
      const h = HEADING.exec(lines[i]);
      if (h) heading = h[1];
      continue;
    }
    const [, indent, fence, info] = open;
    if (fence[0] === '`' && info.includes('`')) continue; // inline code, not a fence
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !close.test(lines[j]); j++) {
      body.push(stripIndent(lines[j], indent.length));
    }
    const words = info.trim().split(/\s+/).filter((w) => w !== '');
    const language = (words[0] ?? '').toLowerCase();
    if (language === 'ts' || language === 'typescript') {
      const parameters = parseParameters(words.slice(1));
      // Rosetta also reads parameters from a first line `/// fixture=name`; keep the line count.
      const directive = /^\s*\/{3}\s+([^!].*)$/.exec(body[0] ?? '');
      if (directive) {
        Object.assign(parameters, parseParameters(directive[1].trim().split(/\s+/)));
        body[0] = '';
      }
      result.push({ file, line: i + 1, source: body.join('\n'), parameters, heading });
    }
    i = j; // an unclosed fence runs to the end of the page
  }
  return result;
}

function stripIndent(line: string, width: number): string {
  let n = 0;
  while (n < width && line[n] === ' ') n++;
  return line.slice(n);
}

function parseParameters(words: string[]): { [key: string]: string } {
  const parameters: { [key: string]: string } = {};
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 0) parameters[word] = '';
    else parameters[word.slice(0, eq)] = word.slice(eq + 1);
  }
  return parameters;
}

/** Every `*.md` file under `dir` (recursively, sorted), skipping `node_modules` and dot folders. */
export function markdownFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...markdownFiles(full));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) files.push(full);
  }
  return files.sort();
}

/** The snippets of every markdown file under `docsDir`, composed into programs. */
export function collectDocSnippets(docsDir: string, repoRoot: string): ComposedSnippet[] {
  return markdownFiles(docsDir).flatMap((file) => {
    const relative = path.relative(repoRoot, file).split(path.sep).join('/');
    return extractSnippets(fs.readFileSync(file, 'utf-8'), relative).map((s) => composeSnippet(s, repoRoot));
  });
}

/**
 * The program rosetta compiles for `snippet`: unless `nofixture`, the fixture
 * `rosetta/<fixture or default>.ts-fixture` with the snippet's statements in
 * place of the `/// here` line and its imports and `declare`s hoisted to the top.
 */
export function composeSnippet(snippet: DocSnippet, repoRoot: string): ComposedSnippet {
  const name = `${snippet.file}:${snippet.line}`;
  const fileName = path.join(repoRoot, `${snippet.file}.L${snippet.line}.snippet.ts`);
  const source = ts.createSourceFile('snippet.ts', snippet.source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const mdLine = (i: number): LineOrigin => ({ file: snippet.file, line: snippet.line + 1 + i });
  const declaredOnly = source.statements.filter(isDeclare).flatMap((s) =>
    (s as ts.VariableStatement).declarationList.declarations.map((d) => d.name.getText(source)));

  if (snippet.parameters.nofixture !== undefined) {
    const lines = snippet.source.split('\n');
    return { snippet, name, fileName, text: snippet.source, origins: lines.map((_, i) => mdLine(i)), declaredOnly };
  }

  const fixtureName = snippet.parameters.fixture || 'default';
  const fixtureFile = path.join(repoRoot, 'rosetta', `${fixtureName}.ts-fixture`);
  if (!fs.existsSync(fixtureFile)) {
    const lines = snippet.source.split('\n');
    // Rosetta compiles without a fixture if the default one is missing, and fails on a missing named one.
    const composeProblem = snippet.parameters.fixture
      ? `${name}: fixture ${JSON.stringify(fixtureName)} not found at rosetta/${fixtureName}.ts-fixture`
      : undefined;
    return { snippet, name, fileName, text: snippet.source, origins: lines.map((_, i) => mdLine(i)), declaredOnly, composeProblem };
  }

  const fixtureRelative = path.relative(repoRoot, fixtureFile).split(path.sep).join('/');
  const fixtureLines = fs.readFileSync(fixtureFile, 'utf-8').split(/\r?\n/);
  const here = fixtureLines.findIndex((l) => /\/{3}[ \t]*here[ \t]*$/i.test(l));
  if (here < 0) {
    const composeProblem = `${name}: ${fixtureRelative} has no '/// here' line`;
    return { snippet, name, fileName, text: snippet.source, origins: [], declaredOnly, composeProblem };
  }

  // Blank the hoisted statements in the body (newlines kept), so body lines keep their markdown line and column.
  const hoisted = source.statements.filter((s) => ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s) || isDeclare(s));
  let body = snippet.source;
  const text: string[] = [];
  const origins: LineOrigin[] = [];
  for (const statement of hoisted) {
    const start = statement.getStart(source);
    const startLine = source.getLineAndCharacterOfPosition(start).line;
    const lineStart = source.getPositionOfLineAndCharacter(startLine, 0);
    const statementText = ' '.repeat(start - lineStart) + snippet.source.slice(start, statement.end);
    statementText.split('\n').forEach((l, i) => {
      text.push(l);
      origins.push(mdLine(startLine + i));
    });
    body = body.slice(0, start) + body.slice(start, statement.end).replace(/[^\n]/g, ' ') + body.slice(statement.end);
  }
  const fixtureOrigin = (i: number): LineOrigin => ({ file: fixtureRelative, line: i + 1 });
  fixtureLines.slice(0, here).forEach((l, i) => {
    text.push(l);
    origins.push(fixtureOrigin(i));
  });
  body.split('\n').forEach((l, i) => {
    text.push(l);
    origins.push(mdLine(i));
  });
  fixtureLines.slice(here + 1).forEach((l, i) => {
    text.push(l);
    origins.push(fixtureOrigin(here + 1 + i));
  });
  return { snippet, name, fileName, text: text.join('\n'), origins, declaredOnly };
}

function isDeclare(statement: ts.Statement): boolean {
  return ts.isVariableStatement(statement)
    && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
}

/**
 * The compiler options: the project's test/tsconfig.json (strict, node16),
 * changed as rosetta changes them (unused locals and parameters allowed: the
 * fixture imports more than one snippet uses), plus: every file is a module
 * (one Program holds all snippets) and `cdk-audit-baseline` is `src/index.ts`.
 */
export function snippetCompilerOptions(repoRoot: string): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(repoRoot, 'test', 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(`test/tsconfig.json: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    },
  });
  if (!parsed) throw new Error('test/tsconfig.json could not be read');
  return {
    ...parsed.options,
    noEmit: true,
    noUnusedLocals: false,
    noUnusedParameters: false,
    isolatedModules: false,
    types: ['node'],
    moduleDetection: ts.ModuleDetectionKind.Force,
    paths: { [LIBRARY_MODULE]: [path.join(repoRoot, 'src', 'index.ts')] },
  };
}

/** What {@link typeCheckSnippets} found. */
export interface TypeCheckResult {
  /** Per snippet name, its diagnostics as `<file>:<line>:<col> TS<code>: <message>`. */
  readonly diagnostics: Map<string, string[]>;
  /** The file `cdk-audit-baseline` resolved to, per snippet name (undefined if unresolved). */
  readonly libraryFiles: Map<string, string | undefined>;
  /** Every source file of the Program under `<repoRoot>/lib/` (a stale build must not be used). */
  readonly builtLibraryFiles: string[];
}

/**
 * Type-checks every snippet in one Program. File and line of a diagnostic
 * are the markdown's (or the fixture's, for an error there).
 */
export function typeCheckSnippets(snippets: ComposedSnippet[], repoRoot: string): TypeCheckResult {
  const options = snippetCompilerOptions(repoRoot);
  const virtual = new Map(snippets.map((s) => [s.fileName, s]));
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const s = virtual.get(path.resolve(fileName));
    return s
      ? ts.createSourceFile(fileName, s.text, languageVersion, true, ts.ScriptKind.TS)
      : getSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  host.fileExists = (fileName) => virtual.has(path.resolve(fileName)) || fileExists(fileName);
  host.readFile = (fileName) => virtual.get(path.resolve(fileName))?.text ?? readFile(fileName);

  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  if (global.length > 0) {
    throw new Error(`the snippet Program is misconfigured: ${global.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}`);
  }
  const diagnostics = new Map<string, string[]>();
  const libraryFiles = new Map<string, string | undefined>();
  for (const s of snippets) {
    const sourceFile = program.getSourceFile(s.fileName);
    if (!sourceFile) throw new Error(`${s.name}: the Program did not load ${s.fileName}`);
    const found = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
    diagnostics.set(s.name, [
      ...(s.composeProblem ? [s.composeProblem] : []),
      ...found.map((d) => formatDiagnostic(s, sourceFile, d)),
    ]);
    libraryFiles.set(s.name, ts.resolveModuleName(LIBRARY_MODULE, s.fileName, options, host).resolvedModule?.resolvedFileName);
  }
  const built = path.join(repoRoot, 'lib') + path.sep;
  const builtLibraryFiles = program.getSourceFiles().map((f) => path.resolve(f.fileName)).filter((f) => f.startsWith(built));
  return { diagnostics, libraryFiles, builtLibraryFiles };
}

function formatDiagnostic(s: ComposedSnippet, sourceFile: ts.SourceFile, d: ts.Diagnostic): string {
  const message = `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  if (d.start === undefined) return `${s.name} ${message}`;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(d.start);
  const origin = s.origins[line];
  return origin ? `${origin.file}:${origin.line}:${character + 1} ${message}` : `${s.name} ${message}`;
}

/** What {@link runSnippet} found. */
export interface RunResult {
  /** `<file>:<line>: <text>` per exception or error annotation; empty if the snippet is fine. */
  readonly problems: string[];
  /** Every stack synthesized, as `<artifact id>: <number of resources>`, in app order. */
  readonly stacks: string[];
}

/**
 * Runs `s`: transpiles it to CommonJS, executes it with the `App` of
 * `aws-cdk-lib` (and `aws-cdk-lib/core`) replaced by a subclass that records every instance, instantiates the
 * fixture's `Fixture` class (if the program has one) in a recorded `App`,
 * then synthesizes every recorded app. Returns the problems as
 * `<file>:<line>: <text>` with the snippet's fence line: an exception while
 * running or synthesizing, and every error annotation (`aws:cdk:error`
 * metadata) in the apps' construct trees, including constructs outside stacks.
 */
export function runSnippet(s: ComposedSnippet): RunResult {
  if (s.composeProblem) return { problems: [s.composeProblem], stacks: [] };
  const at = `${s.name}:`;
  const js = ts.transpileModule(s.text, {
    fileName: s.fileName,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'doc-snippet-'));
  const apps: cdk.App[] = [];
  class RecordingApp extends cdk.App {
    constructor(props: cdk.AppProps = {}) {
      super({ ...props, outdir: props.outdir ?? fs.mkdtempSync(path.join(tmp, 'app-')) });
      apps.push(this);
    }
  }
  const cdkWithRecordingApp = new Proxy(cdk, { get: (target, key) => (key === 'App' ? RecordingApp : Reflect.get(target, key)) });
  const requireForSnippet = (id: string): unknown => {
    if (id === 'aws-cdk-lib' || id === 'aws-cdk-lib/core') return cdkWithRecordingApp;
    if (id === LIBRARY_MODULE) return library;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(id);
  };

  const problems: string[] = [];
  const stacks: string[] = [];
  try {
    try {
      // The last statement hands the fixture's class (a module-local binding) back to us.
      const program = new Function('exports', 'require', 'module', '__filename', '__dirname',
        `${js}\n;return typeof Fixture === 'function' ? Fixture : undefined;`);
      const moduleObject = { exports: {} };
      const fixture = program(moduleObject.exports, requireForSnippet, moduleObject, s.fileName, path.dirname(s.fileName));
      if (fixture) new fixture(new RecordingApp(), 'Fixture');
    } catch (e) {
      problems.push(`${at} running the snippet threw ${describeError(e)}`);
    }
    // After a throw the trees are half-built; synthesizing them would only add noise.
    for (const app of problems.length === 0 ? apps : []) {
      try {
        for (const stack of app.synth().stacksRecursively) {
          stacks.push(`${stack.id}: ${Object.keys(stack.template.Resources ?? {}).length}`);
        }
      } catch (e) {
        problems.push(`${at} synthesizing the app threw ${describeError(e)}`);
        continue;
      }
      problems.push(...errorAnnotations(app).map((m) => `${at} error annotation on ${m}`));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { problems, stacks };
}

/** Every `aws:cdk:error` metadata entry in the tree of `root`, as `<path>: <message>`. */
export function errorAnnotations(root: IConstruct): string[] {
  return root.node.findAll().flatMap((c) => c.node.metadata
    .filter((m) => m.type === 'aws:cdk:error')
    .map((m) => `${c.node.path || '(app)'}: ${String(m.data)}`));
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
