// A registered service and a key that belongs to it (the manifest flow registers services for
// real; these tests need only the row and the key's `service`).
import type { TestService } from './service.js';

export async function serviceWithKey(svc: TestService, slug: string): Promise<string> {
  const db = svc.gatehouse.db;
  await db.query(
    `INSERT INTO services (slug, name, manifest, created_at, updated_at) VALUES ($1, $2, $3, now(), now()) ON CONFLICT (slug) DO NOTHING`,
    [slug, JSON.stringify({ en: slug }), JSON.stringify({ service: slug })],
  );
  const { id, key } = await svc.gatehouse.core.serviceClients.create(`${slug} key`);
  await db.query(`UPDATE service_clients SET service = $1 WHERE id = $2`, [slug, id]);
  return key;
}
