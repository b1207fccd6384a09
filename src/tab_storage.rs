//! This tab's sessionStorage, where the console keeps designs and sessions: it ends with the tab,
//! and a saved value that no longer reads is treated as absent. (The only thing kept longer is the
//! record of tenant admins' user ids, `known_admins`, in localStorage.)

use leptos::prelude::window;
use serde::de::DeserializeOwned;
use serde::Serialize;

fn storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

pub fn read<T: DeserializeOwned>(key: &str) -> Option<T> {
    storage()?.get_item(key).ok().flatten().and_then(|text| serde_json::from_str(&text).ok())
}

pub fn write<T: Serialize>(key: &str, value: &T) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(value)) {
        let _ = storage.set_item(key, &text);
    }
}

pub fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// Removes every key that starts with `prefix` (a value kept in parts, one key each).
pub fn remove_prefixed(prefix: &str) {
    let Some(storage) = storage() else { return };
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect();
    for k in keys {
        let _ = storage.remove_item(&k);
    }
}
