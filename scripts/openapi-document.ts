// `npm run openapi [-- --out FILE]`: the OpenAPI document the service serves at
// /api/v1/openapi.json, without starting a server (an in-memory database, nothing listening).
// PUBLIC_URL names the server in the document (default: a production-like https URL).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config.js';
import { createGatehouse } from '../src/server.js';

export async function openApiDocument(publicUrl: string): Promise<Record<string, unknown>> {
  const gatehouse = await createGatehouse(
    loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'memory', LOG_LEVEL: 'silent', PUBLIC_URL: publicUrl }),
  );
  try {
    const res = await gatehouse.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    if (res.statusCode !== 200) throw new Error(`GET /api/v1/openapi.json answered ${res.statusCode}: ${res.body}`);
    return JSON.parse(res.body) as Record<string, unknown>;
  } finally {
    await gatehouse.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, 'public-url': { type: 'string', default: 'https://gatehouse.example.net' } },
  });
  const text = `${JSON.stringify(await openApiDocument(values['public-url']), null, 2)}\n`;
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
}
