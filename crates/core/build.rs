//! Writes UTS 39's confusables as a compact table for `names::look_alike` (`$OUT_DIR/confusables.rs`),
//! worked out from the maintained `unicode-security` crate: for each code point that can appear in
//! a string in NFD, its skeleton when it differs from the code point itself. The skeleton of a
//! string is then the NFD of its NFD's code points' skeletons, strung together — the same as the
//! crate's (a test compares them), but the console needs neither the crate's table of slices
//! (12 bytes a code point, before the targets) nor its NFD tables: the browser normalises.
use std::fmt::Write;
use unicode_normalization::UnicodeNormalization;
use unicode_security::confusable_detection::skeleton;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let (mut keys, mut ends, mut targets) = (String::new(), String::new(), String::new());
    let (mut count, mut ignorable) = (0, Vec::<(char, char)>::new());
    for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
        let one = c.to_string();
        // A code point NFD changes never reaches the table: the skeleton looks up NFD's output.
        if one.nfd().ne(one.chars()) {
            continue;
        }
        let shape: String = skeleton(&one).collect();
        if shape.is_empty() {
            // Default-ignorable code points come in long runs (4,096 tags from U+E0000): ranges.
            match ignorable.last_mut() {
                Some((_, last)) if char::from_u32(*last as u32 + 1) == Some(c) => *last = c,
                _ => ignorable.push((c, c)),
            }
        } else if shape != one {
            targets.push_str(&shape);
            write!(keys, "'\\u{{{:x}}}',", c as u32).unwrap();
            write!(ends, "{},", targets.len()).unwrap();
            count += 1;
        }
    }
    assert!(targets.len() <= usize::from(u16::MAX), "the skeletons outgrew the u16 ends");
    let ranges: String =
        ignorable.iter().map(|(a, b)| format!("('\\u{{{:x}}}','\\u{{{:x}}}'),", *a as u32, *b as u32)).collect();
    let source = format!(
        "/// Code points whose skeleton is empty (default-ignorable), as ranges in order.\n\
         static IGNORABLE: [(char, char); {}] = [{ranges}];\n\
         /// Other code points whose skeleton differs from themselves, in order.\n\
         static CONFUSABLE: [char; {count}] = [{keys}];\n\
         /// Where each one's skeleton ends in `SKELETONS` (it starts where the one before ends).\n\
         static SKELETON_ENDS: [u16; {count}] = [{ends}];\n\
         static SKELETONS: &str = {targets:?};\n",
        ignorable.len()
    );
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("confusables.rs");
    std::fs::write(out, source).unwrap();
}
