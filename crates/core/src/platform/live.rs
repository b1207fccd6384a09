//! The platform as the server has it, read tenant by tenant a constant number of calls each:
//! the tenant list once, then per tenant its users, its login routing (as its admin) and its SSO.
//! Reading goes through [`Transport`], so the console (gloo-net) and the command line (ureq) read
//! with this one code, and what could not be read says so instead of reading as empty.

use super::transport::{call, Transport};
use crate::clearml::api_error::ApiError;
use crate::clearml::tenant::name_key;
use crate::clearml::wire::{Acting, Company, GetCompaniesResponse, LoginSettings, User, UsersResponse};
use crate::sso::tenant_sso::{ProviderConfiguration, SavedSso};
use crate::{CompanyId, UserId};
use futures::stream::{self, StreamExt, TryStreamExt};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// How the configuration keeps the file's rotation number: a secret cannot be read back, so the
/// number it was last sent under is stored beside it.
pub const ROTATION_KEY: &str = "tenantry_secret_rotation";

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LiveTenant {
    pub company: Company,
    /// Its users, or why they could not be listed.
    pub users: Result<Vec<User>, String>,
    /// The user the console acts as for the tenant's login routing, when one is known.
    pub admin: Option<String>,
    /// Its login routing, or `None` when there was no user to read it as.
    pub routing: Option<LoginSettings>,
    /// Its identity providers (secrets never included), or `None` when the server cannot show them.
    pub providers: Option<Vec<LiveProvider>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LiveProvider {
    pub configuration: ProviderConfiguration,
    pub rotation: u64,
}

impl LiveTenant {
    pub fn id(&self) -> &str {
        &self.company.id
    }

    /// Its admins among the listed users: by role, or the known admin where roles are not reported.
    pub fn admins(&self) -> Vec<&User> {
        let Ok(users) = &self.users else { return Vec::new() };
        users.iter().filter(|u| u.role().is_tenant_admin() || self.admin.as_deref() == Some(u.id.as_str())).collect()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LiveState {
    pub tenants: Vec<LiveTenant>,
}

impl LiveState {
    /// What was read, as a short digest: a plan carries it, and an apply that reads something
    /// else refuses the plan as stale.
    pub fn fingerprint(&self) -> String {
        let text = serde_json::to_string(self).unwrap_or_default();
        Sha256::digest(text.as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect()
    }

    pub fn by_name(&self) -> HashMap<String, usize> {
        self.tenants.iter().enumerate().map(|(i, t)| (name_key(&t.company.name), i)).collect()
    }
}

/// Admins the reader may act as where the server cannot say who a tenant's admin is: a file's
/// `admins[].id` by tenant name (as the server compares names), and those a console made or was
/// told of, by tenant id.
#[derive(Clone, Debug, Default)]
pub struct KnownAdmins {
    by_name: HashMap<String, String>,
    by_tenant: HashMap<String, String>,
}

impl KnownAdmins {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn named(&mut self, tenant_name: &str, admin: String) {
        self.by_name.insert(name_key(tenant_name), admin);
    }

    pub fn of_tenant(&mut self, tenant: &CompanyId, admin: &UserId) {
        self.by_tenant.insert(tenant.to_string(), admin.to_string());
    }

    /// The file's word first: it may name an admin the console never saw.
    pub(super) fn of(&self, company: &Company) -> Option<UserId> {
        let id = self.by_name.get(&name_key(&company.name)).or_else(|| self.by_tenant.get(&company.id))?;
        UserId::parse(id).ok()
    }
}

/// Tenants read at once: a browser's connections per host (six over HTTP/1.1) with room to spare,
/// so a thousand tenants are read in a few seconds rather than one call after another.
const AT_ONCE: usize = 4;

/// Reads every tenant: the supervisor's `system.get_companies`, then three reads per tenant, a few
/// tenants at a time, in the server's order.
pub async fn read<T: Transport>(t: &T, known: &KnownAdmins) -> Result<LiveState, ApiError> {
    let listed: GetCompaniesResponse = call(t, None, "system.get_companies", json!({})).await?;
    let tenants = stream::iter(listed.companies)
        .map(|company| read_tenant(t, company, known))
        .buffered(AT_ONCE)
        .try_collect()
        .await?;
    Ok(LiveState { tenants })
}

pub const NO_ADMIN_KNOWN: &str = "This server lists only its caller's own users and no admin of this tenant is known: give its admin's user id in the file (admins: [{id: …, email: …}]).";

async fn read_tenant<T: Transport>(t: &T, company: Company, known: &KnownAdmins) -> Result<LiveTenant, ApiError> {
    let Ok(id) = CompanyId::parse(&company.id) else {
        return Ok(LiveTenant {
            company,
            users: Err("Its id is not one.".into()),
            admin: None,
            routing: None,
            providers: None,
        });
    };
    let hint = known.of(&company);
    let users =
        users_of(t, &id, hint.as_ref())
            .await?
            .map_err(|why| if hint.is_none() { NO_ADMIN_KNOWN.to_owned() } else { why });
    let admin = match &users {
        Ok(users) => users
            .iter()
            .find(|u| u.role().is_tenant_admin())
            .map(|u| u.id.clone())
            .or_else(|| hint.as_ref().filter(|h| users.iter().any(|u| u.id == h.as_str())).map(|h| h.to_string())),
        Err(_) => None,
    };
    let routing = match admin.as_deref().and_then(|a| UserId::parse(a).ok()) {
        Some(a) => Some(call(t, Some(&Acting::ActAs(a)), "login.get_settings", json!({})).await?),
        None => None,
    };
    let providers = match call::<_, SavedSso>(t, None, "system.get_company_sso_config", json!({ "company": id })).await
    {
        Ok(saved) => Some(saved.providers.into_iter().map(|p| live_provider(p.configuration)).collect()),
        Err(ApiError::NotFound { .. }) => None,
        Err(e) => return Err(e),
    };
    Ok(LiveTenant { company, users, admin, routing, providers })
}

/// A tenant's users: `users.get_all` filtered by company, or, where the server ignores the filter
/// (it lists the caller's company), asked as the tenant's known admin. The inner `Err` says why
/// the users of this tenant cannot be told apart.
pub async fn users_of<T: Transport>(
    t: &T,
    company: &CompanyId,
    known: Option<&UserId>,
) -> Result<Result<Vec<User>, String>, ApiError> {
    let listed: UsersResponse = call(t, None, "users.get_all", json!({ "company": company })).await?;
    Ok(match (listed.of_company(company), known) {
        (Ok(users), _) => Ok(users),
        (Err(_), Some(admin)) => {
            let acting = Acting::ActAs(admin.clone());
            let listed: UsersResponse = call(t, Some(&acting), "users.get_all", json!({ "company": company })).await?;
            listed.of_company(company)
        }
        (Err(why), None) => Err(why),
    })
}

fn live_provider(configuration: ProviderConfiguration) -> LiveProvider {
    LiveProvider { rotation: configuration.rotation, configuration }
}
