//! The console's wasm keeps its relocations so that `scripts/split-wasm.sh` can cut it into a
//! main module and one chunk per lazily loaded page after the build.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
