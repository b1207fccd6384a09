// Reading and writing the parts of a wasm binary the build's scripts change (wasm-order.mjs,
// short-imports.mjs): LEB128 numbers, length-prefixed parts, the sections, the imports.

export const SECTION = { custom: 0, import: 2, code: 10 };
export const IMPORT_FUNCTION = 0;

export function reader(bytes, at) {
  let pos = at;
  return {
    get pos() {
      return pos;
    },
    set pos(p) {
      pos = p;
    },
    u32() {
      let result = 0;
      let shift = 0;
      for (;;) {
        const byte = bytes[pos++];
        result |= (byte & 0x7f) << shift;
        if (!(byte & 0x80)) return result >>> 0;
        shift += 7;
      }
    },
    byte() {
      return bytes[pos++];
    },
    skip(n) {
      pos += n;
    },
  };
}

export function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

export function withLength(parts) {
  const body = Buffer.concat(parts.map((p) => Buffer.from(p)));
  return Buffer.concat([Buffer.from(leb(body.length)), body]);
}

/** Each section of a module: its id, where it starts and ends (header included), where its payload starts. */
export function sections(bytes) {
  const r = reader(bytes, 8);
  const found = [];
  while (r.pos < bytes.length) {
    const start = r.pos;
    const id = r.byte();
    const size = r.u32();
    found.push({ id, start, payload: r.pos, end: r.pos + size });
    r.pos += size;
  }
  return found;
}

/** The imports of an import section's payload (`r` at its start): module, field, kind and the
 *  bytes of the kind's description. */
export function readImports(bytes, r, end) {
  const imports = [];
  const text = () => {
    const length = r.u32();
    const s = bytes.subarray(r.pos, r.pos + length).toString();
    r.skip(length);
    return s;
  };
  for (let n = r.u32(); n > 0; n--) {
    const module = text();
    const field = text();
    const descStart = r.pos;
    const kind = r.byte();
    if (kind === IMPORT_FUNCTION) {
      r.u32();
    } else if (kind === 1) {
      r.byte();
      const flags = r.u32();
      r.u32();
      if (flags & 1) r.u32();
    } else if (kind === 2) {
      const flags = r.u32();
      r.u32();
      if (flags & 1) r.u32();
    } else if (kind === 3) {
      r.byte();
      r.byte();
    } else {
      r.byte();
      r.u32();
    }
    imports.push({ module, field, kind, desc: bytes.subarray(descStart, r.pos) });
  }
  if (r.pos !== end) throw new Error("wasm-binary: could not read the import section");
  return imports;
}
