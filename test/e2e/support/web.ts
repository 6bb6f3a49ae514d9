// Harness for the browser tests: the web UI built from the current sources, the real service
// listening on a real port (embedded PostgreSQL in a temp DATA_DIR, or the TEST_DATABASE_URL
// server), a real SMTP catcher, and Debian's Chromium driven by playwright-core.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { build } from 'vite';
import { startTestService, type TestService } from '../../support/service.js';
import { freePort } from '../../support/process.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
export const SCREENSHOT_DIR = join(root, 'test-output', 'screenshots');
const CHROMIUM = '/usr/bin/chromium';

let built: Promise<string> | undefined;

/** A fingerprint of everything the build reads: the web sources, its config, the locked dependencies. */
function sourcesHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  walk(join(root, 'web'));
  hash.update(readFileSync(join(root, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds web/ from the current sources, once per version of them: every browser test file (each
 * its own process) reuses a build of the same sources from the temp dir instead of running Vite
 * again. A build goes to a fresh dir first and is renamed into place, so two files building at
 * once never see half a build.
 */
function buildWebUi(): Promise<string> {
  built ??= (async () => {
    const target = join(tmpdir(), `gatehouse-web-${sourcesHash()}`);
    if (existsSync(join(target, 'index.html'))) return target;
    const outDir = mkdtempSync(join(tmpdir(), 'gatehouse-web-build-'));
    await build({ configFile: join(root, 'web', 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    try {
      renameSync(outDir, target);
    } catch {
      // Another test file finished the same build first: use that one.
      rmSync(outDir, { recursive: true, force: true });
    }
    return target;
  })();
  return built;
}

/** A computed CSS property of the element, read in the page (the tests' TypeScript has no DOM types). */
export function cssOf(locator: Locator, property: string): Promise<string> {
  type View = { getComputedStyle(element: unknown): { getPropertyValue(name: string): string } };
  return locator.evaluate((element, name) => (globalThis as unknown as View).getComputedStyle(element).getPropertyValue(name), property);
}

export interface WebE2E {
  svc: TestService;
  /** http://127.0.0.1:<port> — also the service's PUBLIC_URL, so mailed links point here. */
  base: string;
  browser: Browser;
  /** A fresh browser profile (its own cookies), as a different person at another computer. */
  newContext(): Promise<BrowserContext>;
  newPage(): Promise<Page>;
  /** Saves `test-output/screenshots/<name>.png`: look at them, they are what a user sees. */
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * `host: 'localhost'` serves the UI as http://localhost:<port> (still on the loopback address):
 * WebAuthn takes a domain as relying-party id, never an IP address, so the passkey tests need it.
 */
export async function startWebE2E(env: Record<string, string> = {}, options: { host?: '127.0.0.1' | 'localhost' } = {}): Promise<WebE2E> {
  // Said up front rather than as playwright's launch error after the UI build and a service start.
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests drive Debian's Chromium at ${CHROMIUM}, which is missing: apt-get install chromium (bash .ci/run does it). Never a downloaded browser.`,
    );
  }
  const webDir = await buildWebUi();
  const port = await freePort();
  const base = `http://${options.host ?? '127.0.0.1'}:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-data-'));
  const svc = await startTestService({
    PUBLIC_URL: base,
    WEB_DIR: webDir,
    // The embedded database in a fresh directory, as `npm start` runs it; or the CI server's schema.
    ...(process.env.TEST_DATABASE_URL ? {} : { DATABASE_URL: '', DATA_DIR: dataDir }),
    ...env,
  });
  await svc.gatehouse.app.listen({ port, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const newContext = async () => {
    const context = await browser.newContext({ baseURL: base, locale: 'en-US', viewport: { width: 1280, height: 860 } });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    return context;
  };
  return {
    svc,
    base,
    browser,
    newContext,
    async newPage() {
      return (await newContext()).newPage();
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await svc.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
