//! The platform file as written: every tenant keyed by its name, each field `None` when the file
//! leaves it out. A field that is absent is not managed: no plan ever touches it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The only version this reader knows.
pub const VERSION: u64 = 1;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlatformFile {
    pub tenants: Vec<TenantSpec>,
}

impl PlatformFile {
    /// The admins the file names by id, by tenant: whom to read a tenant as where the server
    /// cannot list its users.
    pub fn known_admins(&self) -> super::live::KnownAdmins {
        let mut known = super::live::KnownAdmins::new();
        for t in &self.tenants {
            if let Some(id) = t.admins.iter().flatten().find_map(|a| a.id.clone()) {
                known.named(&t.name, id);
            }
        }
        known
    }

    /// Each secret reference the file holds once, with the first path that names it.
    pub fn secret_references(&self) -> Vec<(String, SecretRef)> {
        let mut found: Vec<(String, SecretRef)> = Vec::new();
        for (i, t) in self.tenants.iter().enumerate() {
            let Some(p) = t.sso.as_ref().and_then(|s| s.provider.as_ref()) else { continue };
            if p.client_secret != SecretRef::Keep && !found.iter().any(|(_, r)| *r == p.client_secret) {
                found.push((format!("tenants[{i}].sso.provider.client_secret"), p.client_secret.clone()));
            }
        }
        found
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TenantSpec {
    pub name: String,
    pub allowed_users: Option<String>,
    pub features: Option<Vec<String>>,
    pub exclude_features: Option<Vec<String>>,
    pub domains: Option<Vec<String>>,
    pub whitelist: Option<Vec<String>>,
    pub whitelist_admins: Option<Vec<String>>,
    pub admins: Option<Vec<AdminSpec>>,
    pub sso: Option<SsoSpec>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AdminSpec {
    /// The user's server id: the one id a file may hold, for servers that cannot list a
    /// tenant's users by role or email (the open-source apiserver).
    pub id: Option<String>,
    pub name: String,
    pub email: String,
    /// Issue API credentials when the apply creates this admin (the default).
    pub credentials: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SsoSpec {
    /// The tenant's external id at the identity provider.
    pub tenant: String,
    pub group_mapping: Option<BTreeMap<String, String>>,
    pub admin_groups: Option<Vec<String>>,
    pub provider: Option<ProviderSpec>,
}

/// The tenant's identity provider, as `sso.save_provider_configuration` takes it, with the
/// client secret as a reference only.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProviderSpec {
    /// The configuration's id; absent, the tenant's own id (as the console's SSO page saves it).
    pub id: Option<String>,
    pub display_name: String,
    pub client_id: String,
    pub client_secret: SecretRef,
    /// Raised by hand to send the secret again: a secret cannot be read back to compare.
    pub rotation: u64,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub revocation_endpoint: String,
    pub end_session_endpoint: String,
    pub logout_from_provider: bool,
    pub claim_tenant: String,
    pub claim_name: String,
    pub group_enabled: bool,
    pub claim_groups: String,
    pub group_prohibit_user_login_if_not_in_group: bool,
}

/// Where a secret comes from when it must be sent. Never the secret itself.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SecretRef {
    /// Leave what the server has: what an export writes.
    #[default]
    Keep,
    Env(String),
    File(String),
}

impl SecretRef {
    pub fn describe(&self) -> String {
        match self {
            SecretRef::Keep => "the secret the server has".into(),
            SecretRef::Env(name) => format!("the environment variable {name}"),
            SecretRef::File(path) => format!("the file {path}"),
        }
    }
}

/// Reads a secret reference where it is used: natively the environment and files, in the
/// browser what the person supplied. `Err` says why it could not be read.
pub trait Secrets {
    fn resolve(&self, secret: &SecretRef) -> Result<String, String>;
}

/// The secrets of a process: its environment and files.
pub struct ProcessSecrets;

impl Secrets for ProcessSecrets {
    fn resolve(&self, secret: &SecretRef) -> Result<String, String> {
        match secret {
            SecretRef::Keep => Err("keep: the server's secret is left as it is".into()),
            SecretRef::Env(name) => match std::env::var(name) {
                Ok(v) if !v.is_empty() => Ok(v),
                _ => Err(format!("the environment variable {name} is not set")),
            },
            SecretRef::File(path) => match std::fs::read_to_string(path) {
                Ok(v) if !v.trim().is_empty() => Ok(v.trim_end_matches(['\n', '\r']).to_owned()),
                Ok(_) => Err(format!("the file {path} is empty")),
                Err(e) => Err(format!("the file {path} cannot be read: {e}")),
            },
        }
    }
}

/// Secrets given by hand for the references that need them: a browser has no environment and no
/// files, so the console's page asks for each and keeps it in memory only. An empty set is what
/// bulk import uses, which plans no secret.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GivenSecrets(pub Vec<(SecretRef, String)>);

impl Secrets for GivenSecrets {
    fn resolve(&self, secret: &SecretRef) -> Result<String, String> {
        self.0
            .iter()
            .find(|(r, v)| r == secret && !v.is_empty())
            .map(|(_, v)| v.clone())
            .ok_or_else(|| format!("{} was not given on this page", secret.describe()))
    }
}
