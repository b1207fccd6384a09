// Writes a brotli (.br) and a gzip (.gz) copy beside every wasm, JS, CSS, HTML and SVG file of a
// folder, at the highest levels: the reference server and nginx send them as they are, so no
// request pays for compression. Brotli from Node's own zlib; gzip from Zopfli (npm's @gfx/zopfli,
// kept in .tools/ by scripts/setup.sh), whose deflate streams are some 5% smaller than zlib's at
// level 9 and which any gzip reader takes: compressing once at build time can afford its search.
import { createRequire } from "node:module";
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

// Usage: node precompress.mjs <folder> <path of @gfx/zopfli's folder>
const [dir, zopfliDir] = process.argv.slice(2);
const { gzipAsync } = createRequire(import.meta.url)(zopfliDir);
const compressible = /\.(wasm|js|css|html|svg|json)$/;
for (const name of readdirSync(dir)) {
  const path = join(dir, name);
  if (!compressible.test(name) || !statSync(path).isFile()) continue;
  const bytes = readFileSync(path);
  writeFileSync(`${path}.br`, brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
  writeFileSync(`${path}.gz`, await gzipAsync(bytes, { numiterations: 15 }));
}
