/**
 * A Bloom filter of the ids an immutable entity table holds, so `store.get` of a new id (what every
 * `store.set` of a new immutable entity does first, to merge and to check it is new) need not ask
 * SQLite. "No" is certain; "maybe" falls through to the query (about 1% of new ids). It grows by
 * adding a larger filter when the current one is full (a scalable Bloom filter).
 */

const BITS_PER_ID = 10; // about 1% false positives with 7 probes
const PROBES = 7;

class Bloom {
  readonly bits: Uint32Array;
  readonly capacity: number;
  count = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.bits = new Uint32Array(Math.ceil((capacity * BITS_PER_ID) / 32));
  }

  private probe(h1: number, h2: number, i: number): number {
    return ((h1 + i * h2) >>> 0) % (this.bits.length * 32);
  }

  add(h1: number, h2: number): void {
    for (let i = 0; i < PROBES; i++) {
      const bit = this.probe(h1, h2, i);
      this.bits[bit >>> 5] |= 1 << (bit & 31);
    }
    this.count++;
  }

  has(h1: number, h2: number): boolean {
    for (let i = 0; i < PROBES; i++) {
      const bit = this.probe(h1, h2, i);
      if ((this.bits[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Two independent 32-bit FNV-1a style hashes of the text (double hashing derives the probes). */
function hashes(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, (b | 1) >>> 0];
}

export class IdFilter {
  private readonly filters: Bloom[];

  constructor(expected: number) {
    this.filters = [new Bloom(Math.max(1024, expected * 2))];
  }

  add(id: string): void {
    let last = this.filters[this.filters.length - 1];
    if (last.count >= last.capacity) {
      last = new Bloom(last.capacity * 4);
      this.filters.push(last);
    }
    const [h1, h2] = hashes(id);
    last.add(h1, h2);
  }

  /** False: the id is certainly not in the table. True: it may be. */
  mayHold(id: string): boolean {
    const [h1, h2] = hashes(id);
    for (const f of this.filters) if (f.has(h1, h2)) return true;
    return false;
  }
}
