// Shared by the tests and the proof suite that start the service as a real process on a real port.
import { createServer, type AddressInfo } from 'node:net';

/** Every variable the service's config reads: a child gets none of the runner's, only what it is given. */
export const CONFIG_VARS = [
  'NODE_ENV', 'PORT', 'HOST', 'PUBLIC_URL', 'DATABASE_URL', 'DATA_DIR', 'SMTP_URL', 'MAIL_FROM', 'LOG_LEVEL', 'TRUST_PROXY',
  'PASSWORD_POLICY', 'SESSION_IDLE_TTL', 'SESSION_MAX_AGE', 'VERIFY_EMAIL_TTL', 'PASSWORD_RESET_TTL', 'EMAIL_CHANGE_TTL',
  'INVITATION_TTL', 'LOGIN_MAX_ATTEMPTS', 'LOGIN_IP_MAX_ATTEMPTS', 'LOGIN_THROTTLE_WINDOW', 'MAILS_PER_RECIPIENT_PER_HOUR',
  'INVITATIONS_PER_ORG_PER_HOUR', 'HASH_CONCURRENCY', 'HASH_QUEUE_LIMIT', 'BODY_LIMIT_BYTES', 'OIDC_KEY_SECRET', 'WEB_DIR',
  'NODE_TEST_CONTEXT',
];

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
