// An organization's members by user id (decision-index.ts `OrgIndex.members`), with a Map's API
// and a flatter layout. A Map<string, …> lookup reads its bucket, its entry and then the stored key
// string to compare it: three cache misses per check once the data outgrows the cache (10× the
// data: 2,000,000 members). Here each member is one 64-byte run of 32-bit words — the id's hash,
// the member's entry and the id's characters inline — in an open-addressing table (linear probing),
// so a lookup hashes the asked id and compares it with the words of usually one run: one miss.
// Ids are compared character by character, so the answer is exact. An id longer than 44 characters
// or with a character above U+00FF (Gatehouse's are `usr_` and 26 base-32 characters) is kept in a
// plain Map beside the table.
//
// The role's permissions ride in the run too (issue 18): a table built for a catalog of at most
// MAX_BITS_WORDS words (`bitsWords`) keeps the member's role bitset in the run's last words, where
// an id of up to `inlineChars` characters leaves room (a Gatehouse id, 30 characters, takes 8 of
// the 12 id words; the shipped catalog's bitset takes 2). A plain check then reads the member's
// run and nothing else of the organization — no role array, no second object. The bits are a copy
// of the role's row, written when the member is set with them; a role's permissions never change
// in place (a role change reloads the organization's index), so no copy goes stale. Measured
// (docs/bench.md, "scale10x"): ≈ +8 % checks at 1×, +14 % at 10×; the member's run itself, one
// DRAM miss at 10×, is what is left.

/** Words per member: [hash, slot, role row × 8 + flags, length, 12 words of 4 characters (the last `bitsWords` of them the role's bits when the id leaves room)]. */
export const RUN = 16;
const INLINE = (RUN - 4) * 4;
/** In a run's third word (beside role row × 8 + flags, which take 10 bits): the run carries its role's bits. */
export const BITS_INLINE = 1024;
/** At most this many words of role bits are inlined (128 permissions); a larger catalog is read from the role array. */
const MAX_BITS_WORDS = 4;
/**
 * Runs in use (removed ones too) at most this share of the table: 200 members fit 256 runs (16 KB).
 * Probing is linear, so a longer probe reads the next lines, which the CPU fetches ahead.
 */
const MAX_LOAD = 0.8;
const EMPTY = 0;
/** A removed member's run keeps its hash (probing goes on past it) with this slot. */
const REMOVED = -1;

/** The asked id's characters, four to a word (reused: a lookup allocates nothing). */
const packed = new Int32Array(RUN - 4);

/**
 * The run holding `id` in a table's `words` (its first word's index), -1 if it is not there, -2 if
 * `id` cannot be inlined (the table's `others` map holds such ids). Allocates nothing. Exported so
 * the check reads the table's arrays straight from the organization's index (decision-index.ts).
 */
export function runOf(words: Int32Array, mask: number, id: string): number {
  const h = pack(id);
  if (h === 0) return -2;
  const n = id.length;
  const last = (n + 3) >> 2;
  for (let p = h & mask; ; p = (p + 1) & mask) {
    const at = p * RUN;
    const hash = words[at]!;
    if (hash === EMPTY) return -1;
    if (hash === h && words[at + 3] === n && words[at + 1] !== REMOVED) {
      let k = 0;
      while (k < last && words[at + 4 + k] === packed[k]) k++;
      if (k === last) return at;
    }
  }
}

/** The member's entry (decision-index.ts `memberEntry`) kept in the run at `at`: its slot and the low 10 bits of the third word. */
export const entryAt = (words: Int32Array, at: number) => words[at + 1]! * 1024 + (words[at + 2]! & 1023);

/** Packs `id` into `packed` and returns its hash (never 0), or 0 if it cannot be inlined. */
function pack(id: string): number {
  const n = id.length;
  if (n > INLINE) return 0;
  let h = 0x811c9dc5 ^ n;
  let word = 0;
  for (let i = 0; i < n; i++) {
    const c = id.charCodeAt(i);
    if (c > 0xff) return 0;
    word |= c << ((i & 3) << 3);
    if ((i & 3) === 3) {
      packed[i >> 2] = word;
      h = Math.imul(h ^ word, 0x01000193);
      word = 0;
    }
  }
  if ((n & 3) !== 0) {
    packed[n >> 2] = word;
    h = Math.imul(h ^ word, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h === 0 ? 1 : h;
}

export class MemberTable {
  /** The runs (read by the check through `runOf`; replaced when the table grows). */
  words: Int32Array;
  /** Runs − 1 (a power of two). */
  mask: number;
  /** Words of role bits a run carries (0: none). */
  readonly bitsWords: number;
  /** A member whose id has at most this many characters carries its role's bits in its run (`BITS_INLINE`). */
  private readonly inlineChars: number;
  /** Runs in use, removed ones included (they count for the load until the next growth). */
  private used = 0;
  private live = 0;
  private readonly others = new Map<string, number>();

  constructor(expected = 0, bitsWords = 0) {
    this.bitsWords = bitsWords <= MAX_BITS_WORDS ? bitsWords : 0;
    this.inlineChars = this.bitsWords > 0 ? (RUN - 4 - this.bitsWords) * 4 : 0;
    let capacity = 8;
    while (capacity * MAX_LOAD < expected) capacity *= 2;
    this.words = new Int32Array(capacity * RUN);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.live + this.others.size;
  }

  /** The member's entry (`memberEntry`), or `undefined`. Allocates nothing. */
  get(id: string): number | undefined {
    const at = runOf(this.words, this.mask, id);
    if (at === -2) return this.others.get(id);
    return at < 0 ? undefined : entryAt(this.words, at);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /**
   * Sets the member's entry; with `bits` (the role's bitset), also the copy of it in the run when
   * the id leaves room (without, a member already there keeps its copy if its role row is the same:
   * a flag changed; the role row's bits are 1016 of the entry, decision-index.ts `memberEntry`).
   */
  set(id: string, entry: number, bits?: Uint32Array): this {
    let at = runOf(this.words, this.mask, id);
    if (at === -2) {
      this.others.set(id, entry);
      return this;
    }
    const slot = (entry - (entry & 1023)) / 1024;
    if (at < 0) {
      const h = pack(id); // its hash (and `packed`) again: runOf returned only "absent"
      if (this.used + 1 > (this.mask + 1) * MAX_LOAD) this.grow();
      let p = h & this.mask;
      while (this.words[p * RUN] !== EMPTY) p = (p + 1) & this.mask;
      at = p * RUN;
      this.words[at] = h;
      this.words[at + 3] = id.length;
      this.words.set(packed.subarray(0, (id.length + 3) >> 2), at + 4);
      this.used++;
      this.live++;
    }
    this.words[at + 1] = slot;
    // Without bits, a run keeps its copy only while its role row stays (a flag changed).
    let inline = (this.words[at + 2]! & 1016) === (entry & 1016) ? this.words[at + 2]! & BITS_INLINE : 0;
    if (bits) {
      inline = id.length <= this.inlineChars ? BITS_INLINE : 0;
      if (inline) for (let k = 0, to = at + RUN - this.bitsWords; k < this.bitsWords; k++) this.words[to + k] = bits[k] ?? 0;
    }
    this.words[at + 2] = (entry & 1023) | inline;
    return this;
  }

  delete(id: string): boolean {
    const at = runOf(this.words, this.mask, id);
    if (at === -2) return this.others.delete(id);
    if (at < 0) return false;
    this.words[at + 1] = REMOVED;
    this.live--;
    return true;
  }

  /** Twice the room, without the removed runs. */
  private grow() {
    const old = this.words;
    const capacity = Math.max(8, (this.mask + 1) * (this.live + 1 > (this.mask + 1) * (MAX_LOAD / 2) ? 2 : 1));
    this.words = new Int32Array(capacity * RUN);
    this.mask = capacity - 1;
    this.used = 0;
    for (let at = 0; at < old.length; at += RUN) {
      if (old[at] === EMPTY || old[at + 1] === REMOVED) continue;
      let p = old[at]! & this.mask;
      while (this.words[p * RUN] !== EMPTY) p = (p + 1) & this.mask;
      this.words.set(old.subarray(at, at + RUN), p * RUN);
      this.used++;
    }
  }

  /** The first word of every member's run. */
  private *runs(): IterableIterator<number> {
    const words = this.words;
    for (let at = 0; at < words.length; at += RUN) if (words[at] !== EMPTY && words[at + 1] !== REMOVED) yield at;
  }

  /** Every member's id (rebuilt from the table: for listings and tests). */
  *keys(): IterableIterator<string> {
    const words = this.words;
    for (const at of this.runs()) {
      const n = words[at + 3]!;
      let id = '';
      for (let i = 0; i < n; i++) id += String.fromCharCode((words[at + 4 + (i >> 2)]! >>> ((i & 3) << 3)) & 0xff);
      yield id;
    }
    yield* this.others.keys();
  }

  /** Every member's entry. */
  *values(): IterableIterator<number> {
    for (const at of this.runs()) yield entryAt(this.words, at);
    yield* this.others.values();
  }
}
