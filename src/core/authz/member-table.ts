// An organization's members by user id (decision-index.ts `OrgIndex.members`), with a Map's API
// and a flatter layout. A Map<string, …> lookup reads its bucket, its entry and then the stored key
// string to compare it: three cache misses per check once the data outgrows the cache (10× the
// data: 2,000,000 members). Here each member is one 64-byte run of 32-bit words — the id's hash,
// the member's entry and the id's characters inline — in an open-addressing table (linear probing),
// so a lookup hashes the asked id and compares it with the words of usually one run: one miss.
// Ids are compared character by character, so the answer is exact. An id longer than 44 characters
// or with a character above U+00FF (Gatehouse's are `usr_` and 26 base-32 characters) is kept in a
// plain Map beside the table.

/** Words per member: [hash, slot, role row × 8 + flags, length, 11 words of 4 characters]. */
const RUN = 16;
const INLINE = (RUN - 4) * 4;
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
  private words: Int32Array;
  private mask: number;
  /** Runs in use, removed ones included (they count for the load until the next growth). */
  private used = 0;
  private live = 0;
  private readonly others = new Map<string, number>();

  constructor(expected = 0) {
    let capacity = 8;
    while (capacity * MAX_LOAD < expected) capacity *= 2;
    this.words = new Int32Array(capacity * RUN);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.live + this.others.size;
  }

  /** The run holding `id` (its first word's index), or -1; `packed` holds the id afterwards. */
  private find(id: string, h: number): number {
    const words = this.words;
    const n = id.length;
    const last = (n + 3) >> 2;
    for (let p = h & this.mask; ; p = (p + 1) & this.mask) {
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

  /** The member's entry (`memberEntry`), or `undefined`. Allocates nothing. */
  get(id: string): number | undefined {
    const h = pack(id);
    if (h === 0) return this.others.get(id);
    const at = this.find(id, h);
    return at < 0 ? undefined : this.words[at + 1]! * 1024 + this.words[at + 2]!;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  set(id: string, entry: number): this {
    const h = pack(id);
    if (h === 0) {
      this.others.set(id, entry);
      return this;
    }
    const slot = (entry - (entry & 1023)) / 1024;
    let at = this.find(id, h);
    if (at < 0) {
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
    this.words[at + 2] = entry & 1023;
    return this;
  }

  delete(id: string): boolean {
    const h = pack(id);
    if (h === 0) return this.others.delete(id);
    const at = this.find(id, h);
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
    for (const at of this.runs()) yield this.words[at + 1]! * 1024 + this.words[at + 2]!;
    yield* this.others.values();
  }
}
