// Writes a brotli (.br) and a gzip (.gz) copy beside every wasm, JS, CSS, HTML and SVG file of a
// folder, at the highest levels: the reference server and nginx send them as they are, so no
// request pays for compression. Node's own zlib, so the build needs no other tool.
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dir = process.argv[2];
const compressible = /\.(wasm|js|css|html|svg|json)$/;
for (const name of readdirSync(dir)) {
  const path = join(dir, name);
  if (!compressible.test(name) || !statSync(path).isFile()) continue;
  const bytes = readFileSync(path);
  writeFileSync(`${path}.br`, brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
}
