//! A deployment's defaults, read once from `config.json` beside `index.html` if the server has
//! one (`tenantry_core::clearml::sign_in::DeploymentDefaults`), so one build serves any site without a
//! rebuild. Without the file (a 404) the console uses its own defaults.

use crate::components::fetched::Fetched;
use gloo_net::http::Request;
use leptos::prelude::*;
use tenantry_core::clearml::sign_in::DeploymentDefaults;

#[derive(Clone, Copy)]
pub struct Deployment(Fetched<DeploymentDefaults>);

impl Deployment {
    pub fn provide() {
        let read = Fetched::new(|| async {
            match Request::get("/config.json").send().await {
                Ok(answer) if answer.ok() => {
                    answer.text().await.map(|t| DeploymentDefaults::parse(&t)).unwrap_or_default()
                }
                _ => DeploymentDefaults::default(),
            }
        });
        provide_context(Deployment(read));
    }

    /// The defaults once read; tracked.
    pub fn defaults() -> Signal<Option<DeploymentDefaults>> {
        let Deployment(read) = expect_context();
        Signal::derive(move || read.get())
    }
}
