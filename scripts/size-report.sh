#!/usr/bin/env bash
# What each module of the split console holds, by function, with names: the release wasm split as
# the build splits it, optimised as the build optimises it but keeping names, then listed by twiggy
# (`cargo install twiggy --locked`). Run after a release build (`trunk build --release`).
#   bash scripts/size-report.sh [top N functions per module, default 40]
# Writes target/size-report/<module>.csv (every function) and prints each module's largest ones.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
INPUT="$TARGET_DIR/wasm32-unknown-unknown/release/tenantry.wasm"
OUT="$TARGET_DIR/size-report"
TOP="${1:-40}"
command -v twiggy >/dev/null || { echo "size-report: needs twiggy (cargo install twiggy --locked)" >&2; exit 1; }
[ -f "$INPUT" ] || { echo "size-report: build the console first (trunk build --release)" >&2; exit 1; }
export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
rm -rf "$OUT" && mkdir -p "$OUT/split" "$OUT/named"
wasm-split-cli --target web --out-name main "$INPUT" "$OUT/split" >/dev/null
wasm-bindgen --target web --keep-lld-exports --no-demangle --out-dir "$OUT/bindgen" --out-name main "$OUT/split/main.wasm"
cp "$OUT/bindgen/main_bg.wasm" "$OUT/split/main.wasm"
for module in "$OUT/split/"*.wasm; do
  name="$(basename "$module" .wasm)"
  wasm-opt -Oz -g --enable-bulk-memory --enable-reference-types --enable-multivalue --enable-sign-ext \
    --enable-nontrapping-float-to-int --enable-mutable-globals "$module" -o "$OUT/named/$name.wasm" 2>/dev/null
  twiggy top -n 1000000 -f csv "$OUT/named/$name.wasm" > "$OUT/$name.csv" 2>/dev/null || continue
  echo "== $name ($(stat -c %s "$OUT/named/$name.wasm") bytes with names)"
  twiggy top -n "$TOP" "$OUT/named/$name.wasm" | sed 's/::h[0-9a-f]\{16\}//'
done
