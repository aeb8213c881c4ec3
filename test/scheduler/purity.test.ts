import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/scheduler');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Comments may name the clock (to say why it is injected); code may not. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const CLOCK = [
  /\bDate\.now\b/,
  /\bnew\s+Date\s*\(/,
  /\bDate\s*\(\s*\)/,
  /\bperformance\b/,
  /\bprocess\.hrtime\b/,
  /\bMath\.random\b/,
  /\bsetTimeout\b/,
  /\bsetInterval\b/,
];

describe('src/scheduler is pure', () => {
  const all = files(root);

  it('has files to check', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  it.each(all.map((f) => [relative(root, f), f]))(
    '%s imports only files inside src/scheduler',
    (_name, file) => {
      const text = code(readFileSync(file, 'utf8'));
      const specifiers = [
        ...text.matchAll(
          /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g,
        ),
      ].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
      for (const s of specifiers) {
        expect(s.startsWith('./') || s.startsWith('../'), `${file} imports ${s}`).toBe(true);
        expect(
          resolve(dirname(file), s).startsWith(root),
          `${file} imports ${s} from outside src/scheduler`,
        ).toBe(true);
      }
      expect(text).not.toMatch(/\brequire\s*\(/);
    },
  );

  it.each(all.map((f) => [relative(root, f), f]))('%s never reads the clock', (_name, file) => {
    const text = code(readFileSync(file, 'utf8'));
    for (const pattern of CLOCK) expect(text, `${file} matches ${pattern}`).not.toMatch(pattern);
  });
});
