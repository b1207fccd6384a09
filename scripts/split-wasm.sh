#!/usr/bin/env bash
# Trunk's post_build hook (see Trunk.toml): cuts the console's wasm into a main module and one chunk
# per lazily loaded page (src/split_page.rs), in place of the single module trunk staged.
#   1. wasm-split-cli splits the linked wasm (kept relocatable by build.rs's --emit-relocs);
#   2. wasm-bindgen makes the main module's JS glue under trunk's own (hashed) file name;
#   3. the split files get this build's hash in their names, so that a tab still running an older
#      build never fetches a newer build's chunk (they cannot be mixed);
#   4. the inline script that starts the wasm moves into a file of its own (start-<hash>.js), so the
#      console runs under a Content-Security-Policy without 'unsafe-inline';
#   5. release builds: wasm-opt -Oz on every module, in parallel (scripts/optimize.mjs), the main
#      module's imports renamed short (scripts/short-imports.mjs), the JS (terser) and the CSS (csso,
#      scripts/minify-css.mjs) minified, then gzip and brotli copies beside each file for the server
#      to send as they are.
set -euo pipefail
: "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
ROOT="${TRUNK_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
PROFILE="${TRUNK_PROFILE:-debug}"
INPUT="$TARGET_DIR/wasm32-unknown-unknown/$PROFILE/tenantry.wasm"
STAGE="$TRUNK_STAGING_DIR"

glue="$(cd "$STAGE" && ls tenantry-*_bg.wasm)"
stem="${glue%_bg.wasm}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

wasm-split-cli --target web --out-name "$stem" "$INPUT" "$work/split"
wasm-bindgen --target web --keep-lld-exports --no-demangle --out-dir "$work/bindgen" --out-name "$stem" \
  "$work/split/$stem.wasm"

hash="$(cat "$work/split/"*.wasm | sha256sum | cut -c1-16)"
loader="__wasm_split-$hash.js"
mv "$work/split/__wasm_split.js" "$work/split/$loader"
# Only the import statement names the loader's file; the wasm's import key stays as it is.
sed -i "s#from '\./__wasm_split\.js'#from './$loader'#; s#from \"\./__wasm_split\.js\"#from \"./$loader\"#" \
  "$work/bindgen/$stem.js"
grep -q "$loader" "$work/bindgen/$stem.js" || { echo "split-wasm: the glue does not import the loader" >&2; exit 1; }
for chunk in "$work/split/"*.wasm; do
  name="$(basename "$chunk" .wasm)"
  [ "$name" = "$stem" ] && continue
  mv "$chunk" "$work/split/$name-$hash.wasm"
  sed -i "s#\"\./$name\.wasm\"#\"./$name-$hash.wasm\"#g" "$work/split/$loader"
done
rm "$work/split/$stem.wasm"

cp "$work/bindgen/$stem.js" "$work/bindgen/${stem}_bg.wasm" "$STAGE/"
[ -d "$work/bindgen/snippets" ] && cp -r "$work/bindgen/snippets" "$STAGE/"
cp "$work/split/"* "$STAGE/"
node "$ROOT/scripts/externalize-start.mjs" "$STAGE"

if [ "$PROFILE" = release ]; then
  # binaryen warns about a names subsection it does not know, once per chunk; the names are dropped.
  node "$ROOT/scripts/optimize.mjs" "$STAGE" "$ROOT/.tools/node_modules/binaryen/index.js" \
    2> >(grep -v "unknown name subsection" >&2)
  # The main module's imports from its glue get short names, in both (scripts/short-imports.mjs).
  node "$ROOT/scripts/short-imports.mjs" "$STAGE/${stem}_bg.wasm" "$STAGE/$stem.js"
  # The JS glue and the two small loaders, minified by terser (npm, in .tools/): the glue is
  # part of the first load.
  for js in "$STAGE/$stem.js" "$STAGE/$loader" "$STAGE"/start-*.js; do
    node "$ROOT/.tools/node_modules/terser/bin/terser" "$js" --module --compress --mangle --output "$js"
  done
  node "$ROOT/scripts/minify-css.mjs" "$STAGE" "$ROOT/.tools/node_modules/csso"
  node "$ROOT/scripts/precompress.mjs" "$STAGE" "$ROOT/.tools/node_modules/@gfx/zopfli"
fi
