//! The console's size as the server sends it: the files `index.html` loads first (what sign-in
//! and the Tenants page need) and all files, from the build's own `.gz` and `.br` copies.

use std::path::Path;

/// SPEC's budgets (gzip): the first load (sign-in, then Tenants) and all files together; the
/// benchmark fails above either.
pub const FIRST_LOAD_BUDGET: u64 = 200 * 1024;
pub const ALL_FILES_BUDGET: u64 = 900 * 1024;

#[derive(Default)]
struct Bytes {
    raw: u64,
    gzip: u64,
    brotli: u64,
}

impl Bytes {
    fn add(&mut self, dist: &Path, name: &str) {
        let size =
            |n: &str| std::fs::metadata(dist.join(n)).map(|m| m.len()).unwrap_or_else(|_| panic!("{n} is missing"));
        self.raw += size(name);
        self.gzip += size(&format!("{name}.gz"));
        self.brotli += size(&format!("{name}.br"));
    }
}

fn is_code(name: &str) -> bool {
    [".wasm", ".js", ".css"].iter().any(|ext| name.ends_with(ext))
}

/// The code files `index.html` names: its style sheet, the main module's glue and its wasm.
fn first_load_files(dist: &Path) -> Vec<String> {
    let html = std::fs::read_to_string(dist.join("index.html")).expect("dist/index.html");
    let mut files: Vec<String> = html
        .split(['"', '\''])
        .filter_map(|s| s.strip_prefix('/'))
        .filter(|s| is_code(s) && !s.contains('/'))
        .map(str::to_owned)
        .collect();
    files.sort();
    files.dedup();
    files
}

fn kb(b: u64) -> String {
    format!("{:.1} KB", b as f64 / 1024.0)
}

/// Prints the sizes; true when the first load is within the budget.
pub fn report(dist: &Path) -> bool {
    let first_files = first_load_files(dist);
    let mut first = Bytes::default();
    for f in &first_files {
        first.add(dist, f);
    }
    let mut all = Bytes::default();
    let mut chunks = 0;
    for entry in std::fs::read_dir(dist).expect("dist/") {
        let name = entry.expect("dir entry").file_name().to_string_lossy().into_owned();
        if is_code(&name) {
            all.add(dist, &name);
            chunks += usize::from(!first_files.contains(&name));
        }
    }
    println!("Console size as sent ({}; wasm + JS + CSS)", dist.display());
    println!("  {:<34} {:>12} {:>12} {:>12}", "", "raw", "gzip", "brotli");
    println!(
        "  {:<34} {:>12} {:>12} {:>12}",
        format!("first load ({} files)", first_files.len()),
        kb(first.raw),
        kb(first.gzip),
        kb(first.brotli)
    );
    println!(
        "  {:<34} {:>12} {:>12} {:>12}",
        format!("all files ({} more on demand)", chunks),
        kb(all.raw),
        kb(all.gzip),
        kb(all.brotli)
    );
    within("first load (gzip)", first.gzip, FIRST_LOAD_BUDGET) & within("all files (gzip)", all.gzip, ALL_FILES_BUDGET)
}

/// Says how `bytes` (`what` names how they are compressed) stand against SPEC's budget, with the
/// room left; true when within it.
pub fn within(what: &str, bytes: u64, budget: u64) -> bool {
    let room = if bytes <= budget { format!(", {} to spare", kb(budget - bytes)) } else { String::new() };
    println!("  budget: {what} ≤ {}: {}{room}", kb(budget), crate::verdict(bytes <= budget));
    bytes <= budget
}
