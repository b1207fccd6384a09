// Minifies the style sheets trunk staged (csso, from npm in .tools/: whitespace, comments and
// values only, no restructuring, which compressed worse) and gives index.html their new
// Subresource Integrity hashes, which trunk computed for the sheets as written.
//   node scripts/minify-css.mjs <staging folder> <path of csso's package folder>
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const [stage, cssoPath] = process.argv.slice(2);
const csso = createRequire(import.meta.url)(cssoPath);
const indexPath = join(stage, "index.html");
let index = readFileSync(indexPath, "utf8");
for (const name of readdirSync(stage).filter((n) => n.endsWith(".css"))) {
  const path = join(stage, name);
  const css = csso.minify(readFileSync(path, "utf8"), { restructure: false }).css;
  writeFileSync(path, css);
  const link = new RegExp(`(href="/${name.replace(/[.]/g, "\\.")}"[^>]*integrity=")sha384-[A-Za-z0-9+/=]+"`);
  if (!link.test(index)) throw new Error(`minify-css: index.html has no integrity for ${name}`);
  const sri = "sha384-" + createHash("sha384").update(css).digest("base64");
  index = index.replace(link, `$1${sri}"`);
}
writeFileSync(indexPath, index);
