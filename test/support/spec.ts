// The product's spec lives in shared/spec/ beside the repository. A checkout elsewhere (a fresh
// clone in CI) has only the repository: it carries a copy in spec/, which a test keeps identical to
// shared/ whenever shared/ is there.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const sharedSpecPath = (file: string) => fileURLToPath(new URL(`../../../shared/spec/${file}`, import.meta.url));
export const vendoredSpecPath = (file: string) => fileURLToPath(new URL(`../../spec/${file}`, import.meta.url));

/** shared/spec/<file> when it is beside the repository, else the repository's copy. */
export function specPath(file: string): string {
  const shared = sharedSpecPath(file);
  return existsSync(shared) ? shared : vendoredSpecPath(file);
}
