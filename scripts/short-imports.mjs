// Gives the main module's imports from its JS glue short names, in the wasm and in the glue alike.
// wasm-bindgen names each import `__wbg_<name>_<16 hex digits>`: some 200 of them, each written
// twice in the first load (the wasm's import section, the glue's import object), and the hex
// digits do not compress (~3 KB of the gzip first load). The names are private to the pair: the
// chunks reach these functions through the shared table, never by name.
//   node scripts/short-imports.mjs <main_bg.wasm> <glue.js>
import { readFileSync, writeFileSync } from "node:fs";
import { SECTION, leb, reader, readImports, sections, withLength } from "./wasm-binary.mjs";

const [wasmPath, gluePath] = process.argv.slice(2);
const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, "utf8");

const text = (s) => withLength([Buffer.from(s)]);

// Short identifiers: a, b, … Z, aa, ab, …; never `__proto__` or a name the glue already uses.
function* shortNames() {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (let length = 1; ; length++) {
    const index = Array(length).fill(0);
    for (;;) {
      yield index.map((i) => letters[i]).join("");
      let k = length - 1;
      while (k >= 0 && ++index[k] === letters.length) index[k--] = 0;
      if (k < 0) break;
    }
  }
}

const escape = (s) => s.replace(/[$]/g, "\\$&");
const occurrences = (name) => glue.match(new RegExp(`(?<![\\w$])${escape(name)}(?![\\w$])`, "g"))?.length ?? 0;

const importSection = sections(wasm).find((s) => s.id === SECTION.import);
if (!importSection) throw new Error("short-imports: the wasm has no import section");
const entries = readImports(wasm, reader(wasm, importSection.payload), importSection.end);

// The glue's own module: the one most imports come from.
const counts = new Map();
for (const e of entries) counts.set(e.module, (counts.get(e.module) ?? 0) + 1);
const glueModule = [...counts].sort((a, b) => b[1] - a[1])[0][0];

const names = shortNames();
const taken = new Set(glue.match(/[\w$]+/g));
let renamed = 0;
for (const e of entries) {
  // Only a key the glue writes once, as `name:` in its import object, is safe to rename.
  if (e.module !== glueModule || occurrences(e.field) !== 1 || !glue.includes(`${e.field}:`)) continue;
  let short;
  do short = names.next().value; while (taken.has(short) || short === "__proto__");
  glue = glue.replace(`${e.field}:`, `${short}:`);
  e.field = short;
  renamed++;
}
if (renamed < entries.length / 2) throw new Error(`short-imports: only ${renamed} of ${entries.length} imports found in the glue`);

const section = withLength([leb(entries.length), ...entries.map((e) => Buffer.concat([text(e.module), text(e.field), e.desc]))]);
writeFileSync(
  wasmPath,
  Buffer.concat([
    wasm.subarray(0, importSection.start),
    Buffer.from([SECTION.import]),
    section,
    wasm.subarray(importSection.end),
  ]),
);
writeFileSync(gluePath, glue);
