/**
 * Rewrites a wasm binary so every mutable global is also exported (as `__hf_global_<index>`). The
 * host can then snapshot an instance right after `_start` (globals + memory) and restore it before
 * each trigger: the handler starts from exactly the state a fresh instance would have, as in
 * graph-node, without paying for a new instance per trigger. Only the export section changes.
 */

function readU32(bytes: Uint8Array, at: number): [number, number] {
  let result = 0;
  let shift = 0;
  let pos = at;
  for (;;) {
    const b = bytes[pos++];
    result |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result >>> 0, pos];
    shift += 7;
  }
}

function skipLeb(bytes: Uint8Array, at: number): number {
  let pos = at;
  while (bytes[pos++] & 0x80);
  return pos;
}

function writeU32(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

function skipLimits(bytes: Uint8Array, at: number): number {
  const flags = bytes[at];
  let pos = skipLeb(bytes, at + 1);
  if (flags & 1) pos = skipLeb(bytes, pos);
  return pos;
}

/** Skips a constant expression up to and including its `end` opcode. */
function skipInitExpr(bytes: Uint8Array, at: number): number {
  let pos = at;
  for (;;) {
    const op = bytes[pos++];
    if (op === 0x0b) return pos;
    if (op === 0x41 || op === 0x42 || op === 0x23 || op === 0xd2) pos = skipLeb(bytes, pos);
    else if (op === 0x43) pos += 4;
    else if (op === 0x44) pos += 8;
    else if (op === 0xd0) pos += 1;
    // Extended-const arithmetic opcodes carry no immediates.
  }
}

export const GLOBAL_EXPORT_PREFIX = "__hf_global_";

/** Returns the binary with mutable globals exported, and their export names. */
export function exportMutableGlobals(wasm: Uint8Array): { wasm: Uint8Array; names: string[] } {
  let pos = 8;
  let importedGlobals = 0;
  const mutable: number[] = [];
  let exportStart = -1;
  let exportEnd = -1;
  let exportBody = -1;
  while (pos < wasm.length) {
    const id = wasm[pos];
    const [size, body] = readU32(wasm, pos + 1);
    const end = body + size;
    if (id === 2) {
      let [count, p] = readU32(wasm, body);
      while (count-- > 0) {
        const [modLen, a] = readU32(wasm, p);
        const [fieldLen, b] = readU32(wasm, a + modLen);
        p = b + fieldLen;
        const kind = wasm[p++];
        if (kind === 0) p = skipLeb(wasm, p);
        else if (kind === 1) p = skipLimits(wasm, p + 1);
        else if (kind === 2) p = skipLimits(wasm, p);
        else if (kind === 3) {
          importedGlobals++;
          p += 2;
        } else if (kind === 4) p = skipLeb(wasm, p + 1);
      }
    } else if (id === 6) {
      let [count, p] = readU32(wasm, body);
      for (let i = 0; i < count; i++) {
        const isMutable = wasm[p + 1] === 1;
        if (isMutable) mutable.push(importedGlobals + i);
        p = skipInitExpr(wasm, p + 2);
      }
    } else if (id === 7) {
      exportStart = pos;
      exportEnd = end;
      exportBody = body;
    }
    pos = end;
  }
  if (exportStart < 0 || mutable.length === 0) return { wasm, names: [] };
  const [count, entries] = readU32(wasm, exportBody);
  const names = mutable.map((g) => `${GLOBAL_EXPORT_PREFIX}${g}`);
  const extra: number[] = [];
  for (let i = 0; i < mutable.length; i++) {
    const name = new TextEncoder().encode(names[i]);
    extra.push(...writeU32(name.length), ...name, 3, ...writeU32(mutable[i]));
  }
  const content = [...writeU32(count + mutable.length), ...wasm.subarray(entries, exportEnd), ...extra];
  const section = [7, ...writeU32(content.length), ...content];
  const out = new Uint8Array(exportStart + section.length + (wasm.length - exportEnd));
  out.set(wasm.subarray(0, exportStart), 0);
  out.set(section, exportStart);
  out.set(wasm.subarray(exportEnd), exportStart + section.length);
  return { wasm: out, names };
}
