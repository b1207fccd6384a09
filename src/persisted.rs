//! What this tab keeps of work in progress (the onboarding wizard, the server configuration, the
//! SSO wizard, the MLflow role mapping, a bulk import): each one typed value under its own key in
//! sessionStorage, every key under one prefix, so signing out forgets all of them at once, those a
//! later page adds included. Secrets are never part of a kept value.

use crate::tab_storage;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::marker::PhantomData;

const PREFIX: &str = "tenantry.kept.";

/// One kept value: `name` is unique among them (`Persisted::<T>::new("onboarding")`), or one of
/// a numbered series under that name.
pub struct Persisted<T> {
    name: &'static str,
    index: Option<usize>,
    kind: PhantomData<fn() -> T>,
}

impl<T> Clone for Persisted<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Persisted<T> {}

impl<T: Serialize + DeserializeOwned + 'static> Persisted<T> {
    pub const fn new(name: &'static str) -> Self {
        Self { name, index: None, kind: PhantomData }
    }

    /// The `index`th of a series, each kept apart so that writing one is cheap.
    pub const fn numbered(name: &'static str, index: usize) -> Self {
        Self { name, index: Some(index), kind: PhantomData }
    }

    fn key(&self) -> String {
        match self.index {
            None => format!("{PREFIX}{}", self.name),
            Some(i) => format!("{PREFIX}{}.{i}", self.name),
        }
    }

    /// Removes every value of the series `name`.
    pub fn remove_series(name: &'static str) {
        tab_storage::remove_prefixed(&format!("{PREFIX}{name}."));
    }

    /// What was kept; a value an earlier version wrote that no longer reads counts as none.
    pub fn read(&self) -> Option<T> {
        tab_storage::read(&self.key())
    }

    pub fn write(&self, value: &T) {
        tab_storage::write(&self.key(), value);
    }

    pub fn remove(&self) {
        tab_storage::remove(&self.key());
    }

    /// Writes `current()` now and whenever what it reads changes, while the caller's owner lives.
    pub fn keep(self, current: impl Fn() -> T + 'static) {
        Effect::new(move || self.write(&current()));
    }
}

/// Sign-out: every kept value goes.
pub fn forget_all() {
    tab_storage::remove_prefixed(PREFIX);
}
