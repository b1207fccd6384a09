//! Reading the console's downloaded Helm values back, as the browser tests check them.

use yaml_rust2::YamlLoader;

/// The `apiserver.extraEnvs` of a Helm values file, as (name, value) pairs.
pub fn helm_env(text: &str) -> Vec<(String, String)> {
    let doc = &YamlLoader::load_from_str(text).expect("the export is YAML")[0];
    doc["apiserver"]["extraEnvs"]
        .as_vec()
        .expect("apiserver.extraEnvs is a list")
        .iter()
        .map(|e| (e["name"].as_str().unwrap().to_owned(), e["value"].as_str().expect("values are strings").to_owned()))
        .collect()
}

/// The value of the variable whose name ends with `suffix`.
pub fn helm_value<'a>(env: &'a [(String, String)], suffix: &str) -> &'a str {
    env.iter()
        .find(|(n, _)| n.ends_with(suffix))
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("{suffix} missing from {env:?}"))
}

/// A string value as the apiserver reads it: JSON when quoted, as written otherwise.
pub fn env_text(v: &str) -> String {
    if v.starts_with('"') {
        serde_json::from_str(v).expect("a quoted value is a JSON string")
    } else {
        v.to_owned()
    }
}
