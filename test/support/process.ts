// Shared by the tests and the proof suite that start the service as a real process on a real port.
import { createServer, type AddressInfo } from 'node:net';
import { VARIABLE_NAMES } from '../../src/config/variables.js';

/** Every variable the service's config reads (and the test runner's own marker): a child gets none of the runner's, only what it is given. */
export const CONFIG_VARS = [...VARIABLE_NAMES, 'NODE_TEST_CONTEXT'];

/** A port nobody listens on right now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
