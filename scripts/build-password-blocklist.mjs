#!/usr/bin/env node
// Regenerates src/core/passwords/blocklist.txt, the list of common passwords that the
// default policy refuses even though they satisfy its composition rule.
//
// Why a derived list rather than a raw one: a raw common-password list ("123456", "dragon")
// is useless against a rule that already demands 10+ characters with upper, lower, digit and
// special — none of those entries could ever be submitted. What users actually type under
// such a rule is a common word mangled just enough to pass ("Password1!", "Summer2024!",
// "P@ssw0rd123"). So we take a public frequency-ranked list and apply those same manglings.
//
// Source: the `passwords` list (30,000 entries, frequency-ranked, lower-cased; derived from
// breach corpora) plus the top male/female first names from `lib/frequency_lists.js` of the
// npm package `zxcvbn` 4.4.2 (MIT licence, © Dropbox). The generated output depends only on
// that file and on this script, so a rerun on the same inputs is byte-identical.
//   sha256(lib/frequency_lists.js of zxcvbn@4.4.2) =
//   8c01b70a6d7728f27e3187f7b9b09085d4df090bd8222e0f242bf369e65541b8
//
// How to rerun (zxcvbn is deliberately NOT a dependency of the project):
//   tmp=$(mktemp -d) && (cd "$tmp" && npm pack zxcvbn@4.4.2 && tar xzf zxcvbn-4.4.2.tgz)
//   node scripts/build-password-blocklist.mjs "$tmp/package/lib/frequency_lists.js"
// or, with `npm install --no-save zxcvbn@4.4.2` done first, without an argument.
// Then run test/unit/password-policy.test.ts and commit the regenerated blocklist.txt.
//
// Ranking: every candidate gets a cost = log(rank of base word) + 2·log(rank of digit suffix)
// + 3·log(rank of special suffix) + a penalty for rarer shapes (leetspeak, special before
// digits). That treats each choice as an independent Zipf-like draw, which is crude but
// orders "Password1!" far ahead of "Gandalf1987*". The cheapest TARGET_COUNT survive.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const TARGET_COUNT = 15_000;
const OUT = new URL('../src/core/passwords/blocklist.txt', import.meta.url);
const EXPECTED_SHA256 = '8c01b70a6d7728f27e3187f7b9b09085d4df090bd8222e0f242bf369e65541b8';

// Must mirror the default rule in src/core/passwords/password-policy.ts: an entry that could
// never pass that rule would only waste memory. The unit test cross-checks every entry.
const MIN_LENGTH = 10;
function meetsDefaultRule(pw) {
  return [...pw].length >= MIN_LENGTH && /\p{Ll}/u.test(pw) && /\p{Lu}/u.test(pw) && /\p{Nd}/u.test(pw) && /[^\p{L}\p{M}\p{Nd}]/u.test(pw);
}

// ---- source --------------------------------------------------------------------------------

function loadSource() {
  const arg = process.argv[2];
  let path;
  if (arg)
    path = resolve(arg); // require() would resolve it against this script's folder
  else {
    try {
      path = createRequire(import.meta.url).resolve('zxcvbn/lib/frequency_lists.js');
    } catch {
      console.error('zxcvbn not found: pass the path to frequency_lists.js (see the header of this script).');
      process.exit(1);
    }
  }
  const text = readFileSync(path, 'utf8');
  const sha = createHash('sha256').update(text).digest('hex');
  if (sha !== EXPECTED_SHA256) {
    // Not fatal: a newer list is fine, but then the output is no longer reproducible from
    // the hash recorded above, so update it.
    console.warn(`warning: ${path} has sha256 ${sha}, expected ${EXPECTED_SHA256} (zxcvbn@4.4.2)`);
  }
  const lists = createRequire(import.meta.url)(path);
  if (!Array.isArray(lists.passwords) || lists.passwords.length < 10_000) {
    throw new Error(`${path} does not look like zxcvbn's frequency_lists.js`);
  }
  return lists;
}

// ---- base words ----------------------------------------------------------------------------

// Words that dominate leaks of composition-compliant passwords but that zxcvbn either omits
// or files under its Wikipedia/name lists (it keeps each token in one list only: "michael"
// and "december" are not in `passwords`). The rank given here wins when lower than the
// list's. Includes the service's own name, which NIST SP 800-63B asks to block.
const CURATED_BASES = [
  ['password', 1],
  ['welcome', 2],
  ['qwerty', 3],
  ['admin', 4],
  ['changeme', 5],
  ['letmein', 6],
  ['p@ssw0rd', 7],
  ['passw0rd', 8],
  ['summer', 9],
  ['winter', 10],
  ['spring', 11],
  ['autumn', 12],
  ['iloveyou', 13],
  ['administrator', 14],
  ['gatehouse', 15],
  ['fall', 16],
  ['secret', 17],
  ['hello', 18],
  ['test', 19],
  ['monkey', 20],
  ['january', 30],
  ['february', 31],
  ['march', 32],
  ['april', 33],
  ['may', 34],
  ['june', 35],
  ['july', 36],
  ['august', 37],
  ['september', 38],
  ['october', 39],
  ['november', 40],
  ['december', 41],
  ['login', 42],
  ['user', 43],
  ['guest', 44],
  ['root', 45],
  ['default', 46],
  ['temp', 47],
  ['company', 48],
  ['office', 49],
  ['manager', 50],
  ['family', 51],
  ['michael', 52],
  ['jesus', 53],
  ['love', 54],
  ['monday', 55],
  ['friday', 56],
  ['sunday', 57],
  ['passwort', 60],
  ['motdepasse', 61],
  ['contrasena', 62],
  ['senha', 63],
  ['wachtwoord', 64],
  ['haslo', 65],
  ['parola', 66],
  ['salasana', 67],
  ['service', 70],
  ['support', 71],
  ['system', 72],
  ['security', 73],
  ['network', 74],
  ['master', 75],
  ['server', 76],
  ['device', 77],
  ['factory', 78],
  ['industry', 79],
];

// Whole strings people choose when forced through a composition rule that word+suffix
// mangling does not produce: keyboard walks with the shifted row and doubled phrases.
// They are ranked first.
const CURATED_ENTRIES = [
  '1qaz@wsx3edc',
  '1qaz!qaz1qaz',
  '1qaz2wsx!@#',
  '!qaz2wsx3edc',
  '1qaz@wsx#edc',
  'zaq1@wsx3edc',
  'zaq1@wsxcde3',
  '!qaz@wsx3edc',
  '1qaz2wsx3edc!',
  '1qaz@wsx1qaz@wsx',
  'qwer1234!@#$',
  'qwerty123!@#',
  'qwerty!@#123',
  '!@#$qwer1234',
  'q1w2e3r4t5!',
  '1q2w3e4r5t!',
  '1q2w3e4r!@#',
  '1q2w3e4r5t6y!',
  'abcd1234!@#',
  'abcd1234!@#$',
  'abc123!@#$',
  'asdf1234!@#',
  'zxcv1234!@#',
  'zxcvbnm123!',
  'asdfghjkl1!',
  'qwertyuiop1!',
  'qwertyuiop123!',
  'passw0rd!@#',
  'p@ssw0rd!@#',
  'p@$$w0rd123',
  'p@$$word123',
  'pa$$word123',
  'pa$$w0rd123',
  'password!@#1',
  'password1!@#',
  'password123!@#',
  'welcome1!@#',
  'admin123!@#',
  'iloveyou123!',
  'letmein123!',
  'changeme123!',
  'abcdefg123!',
  'aa123456789!',
];

// Names are common bases but zxcvbn only lists them separately, without a rank comparable
// to `passwords`; slot them in behind the top few hundred password entries.
const NAMES_PER_LIST = 60;
const nameRank = (i) => 150 + 15 * i;

function collectBases(lists) {
  /** @type {Map<string, number>} word → rank (1 = most common) */
  const bases = new Map();
  const offer = (word, rank) => {
    if (!/^[\x21-\x7e]{3,}$/.test(word) || !/[a-z]/.test(word)) return;
    const prev = bases.get(word);
    if (prev === undefined || rank < prev) bases.set(word, rank);
  };
  lists.passwords.forEach((w, i) => offer(w, i + 1));
  for (const list of [lists.male_names, lists.female_names]) {
    list.slice(0, NAMES_PER_LIST).forEach((w, i) => offer(w, nameRank(i)));
  }
  for (const [w, r] of CURATED_BASES) offer(w, r);
  return bases;
}

// ---- mangling ------------------------------------------------------------------------------

// Ordered by how often each suffix shows up in leaked passwords: short counting runs first,
// then the current years (policy-driven rotation: "Summer2024!"), then small numbers and
// birth years. Fixed, not derived from today's date, so that reruns are reproducible;
// extend when the years move on.
const RECENT_YEARS = ['2024', '2025', '2023', '2026', '2022', '2021', '2020', '2019', '2018', '2027'];
const DIGIT_SUFFIXES = [
  '1',
  '123',
  '12',
  '1234',
  '2',
  '12345',
  ...RECENT_YEARS.slice(0, 3),
  '01',
  '11',
  ...RECENT_YEARS.slice(3),
  '123456',
  '3',
  '7',
  '13',
  '69',
  '22',
  '21',
  '99',
  '23',
  '00',
  '10',
  '007',
  '2017',
  '2016',
  '2015',
  '4',
  '5',
  '6',
  '8',
  '9',
  '0',
  '321',
  '111',
  '777',
  '666',
  '88',
  '77',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '24',
  '25',
  '1234567',
  '12345678',
  '123456789',
  '1111',
  '0000',
  '2014',
  '2013',
  '2012',
  '2011',
  '2010',
];
for (let y = 2009; y >= 1970; y--) DIGIT_SUFFIXES.push(String(y));
for (const y of ['2028', '2029', '2030']) DIGIT_SUFFIXES.push(y);

const SPECIAL_SUFFIXES = ['!', '@', '#', '$', '!!', '?', '.', '*', '!@#', '_', '&', '%', '-', '@@', '!!!'];

// Leetspeak is used sparingly in practice, usually a→@ and o→0 only ("P@ssw0rd").
const LEET_VARIANTS = [
  { name: 'a@', cost: Math.log(16), map: { a: '@' } },
  { name: 'o0', cost: Math.log(36), map: { o: '0' } },
  { name: 'a@o0', cost: Math.log(25), map: { a: '@', o: '0' } },
  { name: 's$', cost: Math.log(144), map: { s: '$' } },
  { name: 'e3', cost: Math.log(144), map: { e: '3' } },
  { name: 'i1', cost: Math.log(196), map: { i: '1' } },
  { name: 'all', cost: Math.log(256), map: { a: '@', o: '0', s: '$', e: '3', i: '1' } },
];
const LEET_TOP_BASES = 600; // leetspeak of rarer words is too unlikely to earn a slot
// Suffix choice is far more concentrated than word choice ("!" and "1" dwarf the rest), so
// a suffix's rank weighs more than the word's; with equal weights a handful of top words
// took every suffix in the table and the list covered fewer than 300 distinct words.
const DIGIT_WEIGHT = 2;
const SPECIAL_WEIGHT = 3;
const SPECIAL_FIRST_COST = Math.log(3); // "Password@123" is common, but less than "Password123!"
const MAX_COST = Math.log(1_000_000); // prune: nothing that expensive ends up in the top slice

function capitalise(word) {
  const i = word.search(/[a-z]/);
  return i < 0 ? word : word.slice(0, i) + word[i].toUpperCase() + word.slice(i + 1);
}

function leet(word, map) {
  return word.replace(/[a-z]/g, (c) => map[c] ?? c);
}

function generate(bases) {
  /** @type {Map<string, number>} lower-cased candidate → cheapest cost seen */
  const best = new Map();
  const offer = (candidate, cost) => {
    if (cost > MAX_COST || !meetsDefaultRule(candidate)) return;
    const key = candidate.toLowerCase();
    const prev = best.get(key);
    if (prev === undefined || cost < prev) best.set(key, cost);
  };

  CURATED_ENTRIES.forEach((e, i) => offer(capitalise(e), Math.log(1 + i * 0.01)));

  const digits = ['', ...DIGIT_SUFFIXES];
  const specials = ['', ...SPECIAL_SUFFIXES];
  for (const [word, rank] of bases) {
    const forms = [{ text: capitalise(word), cost: 0 }];
    if (rank <= LEET_TOP_BASES) {
      for (const v of LEET_VARIANTS) {
        const l = leet(word, v.map);
        if (l !== word) forms.push({ text: capitalise(l), cost: v.cost });
      }
    }
    const baseCost = Math.log(rank);
    for (const form of forms) {
      for (let d = 0; d < digits.length; d++) {
        const dCost = DIGIT_WEIGHT * Math.log(d + 1);
        if (baseCost + form.cost + dCost > MAX_COST) break;
        for (let s = 0; s < specials.length; s++) {
          const cost = baseCost + form.cost + dCost + SPECIAL_WEIGHT * Math.log(s + 1);
          if (cost > MAX_COST) break;
          offer(form.text + digits[d] + specials[s], cost);
          if (d > 0 && s > 0) offer(form.text + specials[s] + digits[d], cost + SPECIAL_FIRST_COST);
        }
      }
    }
  }
  return best;
}

// ---- output --------------------------------------------------------------------------------

// Entries the policy has to refuse; if the ranking ever drops one, the weights are wrong
// (and a curated entry that goes missing is too short for the rule: a typo in the table).
const MUST_INCLUDE = [
  'password1!',
  'password123!',
  'welcome123!',
  'qwerty123!',
  'p@ssw0rd123',
  'summer2024!',
  'admin12345!',
  'password@123',
  'welcome@123',
  'p@ssw0rd1!',
  'iloveyou1!',
  'letmein123!',
  'changeme1!',
  'winter2025!',
  'gatehouse1!',
  '1qaz@wsx3edc',
  'qwerty123!@#',
  'password2024!',
];

const lists = loadSource();
const bases = collectBases(lists);
const scored = generate(bases);
const ranked = [...scored].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
// Pruning at MAX_COST is exact only while enough candidates lie below it.
if (ranked.length < TARGET_COUNT) {
  console.error(`only ${ranked.length} candidates below MAX_COST; raise it`);
  process.exit(1);
}
const chosen = ranked.slice(0, TARGET_COUNT).map(([pw]) => pw);
const chosenSet = new Set(chosen);
const missing = [...MUST_INCLUDE, ...CURATED_ENTRIES].filter((pw) => !chosenSet.has(pw));
if (missing.length > 0) {
  console.error(`ranking dropped required entries: ${missing.join(', ')}`);
  process.exit(1);
}
// Plain code-unit order (not localeCompare) so the file is identical on every machine.
chosen.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const body = chosen.join('\n') + '\n';
writeFileSync(OUT, body);
console.log(
  `wrote ${chosen.length} entries (${(Buffer.byteLength(body) / 1024).toFixed(1)} KiB) from ` +
    `${bases.size} base words and ${scored.size} candidates to ${OUT.pathname}`,
);
