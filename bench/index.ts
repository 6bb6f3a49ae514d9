// `npm run bench`: prints each benchmark's table and, as the last line, one JSON object of figures.
import { benchMembersList } from './members-list.js';

const members = await benchMembersList();
console.log(`\nMember list: ${members.members.toLocaleString('en')} members on ${members.engine} (loaded in ${(members.loadMs / 1000).toFixed(1)} s), median of 20 runs`);
console.log('| case | median ms |\n|---|---:|');
for (const r of members.rows) console.log(`| ${r.case} | ${r.ms.toFixed(2)} |`);
console.log(JSON.stringify({
  membersList: {
    engine: members.engine,
    members: members.members,
    ms: Object.fromEntries(members.rows.map((r) => [r.case, Number(r.ms.toFixed(3))])),
    ratios: { offsetOverKeyset: Number(members.ratios.offsetOverKeyset.toFixed(1)) },
  },
}));
