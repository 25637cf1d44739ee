/* eslint-disable @typescript-eslint/no-require-imports */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const lazyIndex = require('../../scripts/lazy-index.js') as { main(libDir: string): void };

/**
 * Issue 18, item 4: the lazy entry point keeps every export of the eager one
 * and loads a module only when one of its exports is first read.
 */
function fakeLib(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lazy-index-'));
  const star = (m: string) => `__exportStar(require("${m}"), exports);`;
  const helper = 'var __exportStar = function (m, e) { for (var p in m) if (p !== "default" && !(p in e)) e[p] = m[p]; };\n';
  fs.mkdirSync(path.join(dir, 'area'));
  fs.writeFileSync(path.join(dir, 'index.js'), `"use strict";\n${helper}${star('./area')}\n${star('./b')}\n`);
  fs.writeFileSync(path.join(dir, 'area', 'index.js'), `"use strict";\n${helper}${star('./a')}\n`);
  fs.writeFileSync(path.join(dir, 'area', 'a.js'), 'globalThis.__loadedA = (globalThis.__loadedA ?? 0) + 1; exports.Alpha = class Alpha {}; exports.ALPHA = 1;');
  fs.writeFileSync(path.join(dir, 'b.js'), 'globalThis.__loadedB = (globalThis.__loadedB ?? 0) + 1; exports.Beta = function Beta() {};');
  return dir;
}

describe('scripts/lazy-index.js', () => {
  test('keeps every export, loads each module on first access, and is idempotent', () => {
    const dir = fakeLib();
    const g = globalThis as { __loadedA?: number; __loadedB?: number };
    const eager = require(path.join(dir, 'index.js'));
    const names = Object.keys(eager).sort();
    expect(names).toEqual(['ALPHA', 'Alpha', 'Beta']);
    lazyIndex.main(dir);
    const once = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
    lazyIndex.main(dir);
    expect(fs.readFileSync(path.join(dir, 'index.js'), 'utf8')).toBe(once);
    // main reads the exports by loading the modules: start the counts afresh.
    jest.resetModules();
    delete g.__loadedA;
    delete g.__loadedB;

    const lazy = require(path.join(dir, 'index.js'));
    expect(g.__loadedA).toBeUndefined();
    expect(g.__loadedB).toBeUndefined();
    expect(Object.keys(lazy).sort()).toEqual(names);
    expect(lazy.Beta.name).toBe('Beta');
    expect(g.__loadedB).toBe(1);
    expect(g.__loadedA).toBeUndefined();
    expect(lazy.Alpha).toBe(require(path.join(dir, 'area', 'a.js')).Alpha);
    expect(g.__loadedA).toBe(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
