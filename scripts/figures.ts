// Where `npm run bench` and `npm run proof` leave their figures: docs/figures/<name>-latest.md
// (what the docs link) and .json (the same run, for machines), each saying when, on what and at
// which commit it was measured. Figures are written by the runs themselves, never pasted by hand.
// FIGURES_DIR writes them elsewhere (a trial run that must not replace the published figures).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { arch, availableParallelism, cpus, platform, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface Measured {
  /** ISO time at the end of the run. */
  at: string;
  /** The commit measured (`+changes` when the working tree differed from it), or `unknown`. */
  commit: string;
  node: string;
  platform: string;
  cores: number;
  cpu: string;
  memoryGiB: number;
}

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function measured(): Measured {
  const head = git(['rev-parse', '--short=12', 'HEAD']);
  // The figures' own files do not count as a change to what was measured.
  const changed = git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':!docs/figures']);
  return {
    at: new Date().toISOString(),
    commit: head === undefined ? 'unknown' : `${head}${changed ? '+changes' : ''}`,
    node: process.version,
    platform: `${platform()} ${arch()}`,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

/** One line for the top of a figures page. */
export function describeMachine(m: Measured): string {
  return `Measured ${m.at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} at commit \`${m.commit}\`, on ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, ${m.platform}, Node.js ${m.node}.`;
}

/** Writes `<name>-latest.md` and `<name>-latest.json`; returns the directory. */
export function writeFigures(name: string, files: { markdown: string; json: unknown }): string {
  const dir = process.env.FIGURES_DIR ?? join(ROOT, 'docs', 'figures');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}-latest.md`), files.markdown.endsWith('\n') ? files.markdown : `${files.markdown}\n`);
  writeFileSync(join(dir, `${name}-latest.json`), `${JSON.stringify(files.json, null, 2)}\n`);
  return dir;
}
