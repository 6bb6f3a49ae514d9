// The README and docs/ link to each other and to files of the repository: every relative link must
// lead somewhere, and every `#anchor` to a heading of its page (GitHub's way of naming headings).
// Moving or renaming a page, or a heading that others link to, then fails here instead of leaving a
// dead link for a newcomer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'incoming' ? [] : markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

function anchors(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => slug(m[1]!.replace(/`/g, ''))));
}

test('every relative link of README.md and docs/ leads to a file, and every anchor to a heading', () => {
  const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];
  assert.ok(files.length >= 10, `the README and the docs pages (${files.length})`);
  const broken: string[] = [];
  let links = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
      .replace(/```[\s\S]*?```/g, '')
      .replace(/`[^`\n]*`/g, '');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target!)) continue; // https:, mailto:
      links++;
      const [path, anchor] = target!.split('#') as [string, string | undefined];
      const to = path === '' ? file : resolve(dirname(file), path);
      const where = `${relative(root, file)} → ${target}`;
      if (!existsSync(to)) broken.push(`${where}: no such file`);
      else if (anchor !== undefined && to.endsWith('.md') && !anchors(to).has(anchor)) broken.push(`${where}: no such heading`);
    }
  }
  assert.ok(links >= 30, `the pages link to each other (${links} links)`);
  assert.deepEqual(broken, [], 'broken links');
});
