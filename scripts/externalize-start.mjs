// Moves the one inline module script trunk writes into index.html (it loads the wasm) into a file
// of its own named by its content's hash, so the console runs under a Content-Security-Policy
// without 'unsafe-inline' on any server (the reference server, nginx) with one fixed policy.
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

const dir = process.argv[2];
const page = join(dir, "index.html");
const html = readFileSync(page, "utf8");
const inline = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)];
if (inline.length !== 1 || /<script(?![^>]*\bsrc=)[^>]*>/.test(html.replace(inline[0][0], ""))) {
  console.error(`externalize-start: expected exactly one inline script in ${page}, found ${inline.length}`);
  process.exit(1);
}
const code = inline[0][1].trim() + "\n";
const name = `start-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.js`;
writeFileSync(join(dir, name), code);
writeFileSync(page, html.replace(inline[0][0], `<script type="module" src="/${name}"></script>`));
