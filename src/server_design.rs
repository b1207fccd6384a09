//! The server configuration the supervisor is designing: groups, organization features and the
//! supervisor block. It exists only as exported files, so this tab keeps it in sessionStorage
//! (without the supervisor's secret) until sign-out.

use crate::page_store::PageStore;
use crate::persisted::Persisted;
use crate::session::Auth;
use leptos::prelude::*;
use tenantry_core::export::server_config::ServerConfig;
use tenantry_core::features::group::GroupId;

const KEPT: Persisted<ServerConfig> = Persisted::new("server-config");

#[derive(Clone, Copy)]
pub struct ServerDesign(pub RwSignal<ServerConfig>);

impl ServerDesign {
    /// This tab's design, restored on first use; a new one names the supervisor's own company as
    /// the one that sees every tenant's resource usage, as the seed's default company does.
    pub fn get() -> Self {
        PageStore::get(|| {
            let config = KEPT.read().unwrap_or_else(|| {
                let supervisor_company =
                    expect_context::<Auth>().session_untracked().map(|s| s.user.company.id).unwrap_or_default();
                ServerConfig { resource_usage_company: supervisor_company, ..Default::default() }
            });
            let design = ServerDesign(RwSignal::new(config));
            KEPT.keep(move || design.0.get());
            design
        })
    }
}

/// A fresh version-4 group id from the browser's cryptographic random source.
pub fn new_group_id() -> String {
    let mut bytes = [0u8; 16];
    let crypto = window().crypto().expect("browsers with WebAssembly have crypto");
    crypto.get_random_values_with_u8_array(&mut bytes).expect("16 bytes are within the quota");
    GroupId::from_random_bytes(bytes).as_str().to_owned()
}
