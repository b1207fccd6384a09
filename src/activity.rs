//! This session's activity log, kept in memory for the Activity page.

use leptos::prelude::*;
use tenantry_core::clearml::activity::Activity;
use tenantry_core::ApiError;

#[derive(Clone, Copy)]
pub struct ActivityLog(RwSignal<Vec<Activity>>);

impl ActivityLog {
    pub fn new() -> Self {
        Self(RwSignal::new(Vec::new()))
    }

    pub fn record<T>(&self, endpoint: &str, acting_as: Option<&str>, body: &str, result: &Result<T, ApiError>) {
        let time = String::from(js_sys::Date::new_0().to_iso_string());
        self.0.update(|log| log.push(Activity::new(time, endpoint, acting_as, result).about(body)));
    }

    pub fn entries(&self) -> Vec<Activity> {
        self.0.get()
    }

    pub fn clear(&self) {
        self.0.set(Vec::new());
    }
}
