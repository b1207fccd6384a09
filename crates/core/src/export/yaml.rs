//! YAML for exports, built as a document and written by yaml-rust2's emitter, never by string
//! concatenation: the emitter quotes whatever needs quoting. yaml-rust2 is maintained, pure Rust
//! and small in the console's wasm (its parser is linked only into the tests that read exports back).

use yaml_rust2::yaml::Hash;
use yaml_rust2::{Yaml, YamlEmitter};

pub fn string(s: &str) -> Yaml {
    Yaml::String(s.to_owned())
}

pub fn map<'a>(entries: impl IntoIterator<Item = (&'a str, Yaml)>) -> Yaml {
    Yaml::Hash(entries.into_iter().map(|(k, v)| (string(k), v)).collect::<Hash>())
}

/// The document as text, starting with the `---` document marker.
pub fn dump(doc: &Yaml) -> String {
    let mut out = String::new();
    YamlEmitter::new(&mut out).dump(doc).expect("writing to a String cannot fail");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use yaml_rust2::YamlLoader;

    #[test]
    fn awkward_strings_read_back_unchanged() {
        let awkward = [
            "\"x@y.z\"",
            "it's",
            "back\\slash",
            "#not a comment",
            "key: value",
            "- dash",
            "true",
            "123",
            "",
            " padded ",
            "Zürich 東京",
            "[\"a\", \"b\"]",
            "line\nbreak",
        ];
        for s in awkward {
            let text = dump(&map([("v", string(s))]));
            let back = YamlLoader::load_from_str(&text).unwrap();
            assert_eq!(back[0]["v"].as_str(), Some(s), "{text}");
        }
    }
}
