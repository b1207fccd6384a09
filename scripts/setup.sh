# Sourced by scripts/run, scripts/test and scripts/bench: installs whatever this machine lacks,
# and only that, then puts the project's own tools first on PATH.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
# Debian's binaryen (108) turns the externref table rustc emits into a broken module, so wasm-opt
# comes from npm's binaryen package, kept in .tools/.
BINARYEN_VERSION=132.0.0

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

export PATH="$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
# Route splitting (scripts/split-wasm.sh): the splitter that cargo-leptos uses, as a command.
WASM_SPLIT_VERSION=0.2.4
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Chromium and ChromeDriver"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if [ "$(wasm-opt --version 2>/dev/null | cut -d' ' -f3)" != "${BINARYEN_VERSION%%.*}" ]; then
  say "installing binaryen $BINARYEN_VERSION (wasm-opt) from npm into .tools/"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --silent --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
fi
# The build's gzip copies (scripts/precompress.mjs): Zopfli, compiled to wasm, from npm.
ZOPFLI_VERSION=1.0.15
if [ "$(node -p "require('$TOOLS/node_modules/@gfx/zopfli/package.json').version" 2>/dev/null)" != "$ZOPFLI_VERSION" ]; then
  say "installing @gfx/zopfli $ZOPFLI_VERSION from npm into .tools/"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --silent --no-audit --no-fund "@gfx/zopfli@$ZOPFLI_VERSION"
fi
# The release build's JS minifier (scripts/split-wasm.sh).
TERSER_VERSION=5.51.2
if [ "$(node -p "require('$TOOLS/node_modules/terser/package.json').version" 2>/dev/null)" != "$TERSER_VERSION" ]; then
  say "installing terser $TERSER_VERSION from npm into .tools/"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --silent --no-audit --no-fund "terser@$TERSER_VERSION"
fi
# The release build's CSS minifier (scripts/minify-css.mjs).
CSSO_VERSION=5.0.5
if [ "$(node -p "require('$TOOLS/node_modules/csso/package.json').version" 2>/dev/null)" != "$CSSO_VERSION" ]; then
  say "installing csso $CSSO_VERSION from npm into .tools/"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --silent --no-audit --no-fund "csso@$CSSO_VERSION"
fi
# The browser tests' OpenID provider (see crates/e2e/oidc/provider.mjs).
OIDC_PROVIDER_VERSION=9.13.3
if [ "$(node -p "require('$TOOLS/node_modules/oidc-provider/package.json').version" 2>/dev/null)" != "$OIDC_PROVIDER_VERSION" ]; then
  say "installing oidc-provider $OIDC_PROVIDER_VERSION from npm into .tools/"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --silent --no-audit --no-fund "oidc-provider@$OIDC_PROVIDER_VERSION"
fi
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"

build_console() {
  say "building the console (release wasm)"
  (cd "$ROOT" && trunk build --release --offline)
}

build_server() {
  say "building the reference server and the tenantry command"
  (cd "$ROOT" && cargo build -p tenantry-refserver -p tenantry-cli)
}
