// `npm run bench`: prints each benchmark's table and, as the last line, one JSON object of figures
// (`ratios` at its top level: the authorization goals of issue 5).
import { performance } from 'node:perf_hooks';
import { benchMembersList } from './members-list.js';
import { benchAuthz, printAuthz } from './authz.js';

const t0 = performance.now();
let membersList: Record<string, unknown>;
try {
  const members = await benchMembersList();
  console.log(`\nMember list: ${members.members.toLocaleString('en')} members on ${members.engine} (loaded in ${(members.loadMs / 1000).toFixed(1)} s), median of 20 runs`);
  console.log('| case | median ms |\n|---|---:|');
  for (const r of members.rows) console.log(`| ${r.case} | ${r.ms.toFixed(2)} |`);
  membersList = {
    engine: members.engine,
    members: members.members,
    ms: Object.fromEntries(members.rows.map((r) => [r.case, Number(r.ms.toFixed(3))])),
    ratios: { offsetOverKeyset: Number(members.ratios.offsetOverKeyset.toFixed(1)) },
  };
} catch (e) {
  // One broken benchmark must not hide the others' figures; the run still fails.
  console.error('member-list benchmark failed:', e);
  membersList = { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  process.exitCode = 1;
}

const authz = await benchAuthz();
printAuthz(authz);
const runtimeSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
console.log(`\nTotal runtime ${runtimeSeconds} s`);
console.log(JSON.stringify({ membersList, authz: authz.figures, ratios: authz.ratios, runtimeSeconds }));
