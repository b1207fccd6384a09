//! Multi-tenant login mode: the three global switches, and per tenant its external tenant id,
//! group mapping and identity provider, checked across all tenants before the two calls
//! (`system.update_company_sso_config`, `sso.save_provider_configuration`) are sent.

use crate::clearml::api_error::ApiError;
use crate::clearml::ids::CompanyId;
use crate::clearml::wire::Company;
pub use crate::clearml::wire::CompanySso;
use crate::export::env_value;
use crate::export::server_config::EnvVar;
use crate::features::group::BuiltinGroup;
use crate::names::paste::names;
use crate::sso::keycloak_client::ClientSpec;
use crate::sso::oidc::{Discovery, SsoUrl};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The apiserver's switches for multi-tenant login.
pub fn apiserver_env() -> Vec<EnvVar> {
    let var = |name: &str, on: bool| EnvVar { name: name.to_owned(), value: env_value::boolean(on), secret: false };
    vec![
        var("CLEARML__services__login__sso__tenant_login", true),
        var("CLEARML__services__login__sso__allow_settings_providers", false),
    ]
}

/// The web server's switch: only the tenants' own providers offer SSO.
pub fn webserver_env() -> Vec<EnvVar> {
    vec![EnvVar { name: "WEBSERVER__onlyPasswordLogin".into(), value: env_value::boolean(true), secret: false }]
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdateCompanySsoConfig {
    pub company: CompanyId,
    pub sso: CompanySso,
}

/// `sso.save_provider_configuration`'s `configuration`, every field the seed lists. Read back,
/// the secret is absent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProviderConfiguration {
    pub id: String,
    pub display_name: String,
    pub client_id: String,
    pub client_secret: String,
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
    /// The platform file's `rotation` the secret was last sent under (see `platform::live`):
    /// a secret cannot be read back, so this number says whether the file's is newer.
    #[serde(rename = "tenantry_secret_rotation", skip_serializing_if = "is_zero")]
    pub rotation: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SaveProviderConfiguration {
    pub provider: String,
    pub company: CompanyId,
    pub configuration: ProviderConfiguration,
}

/// `system.get_company_sso_config` (a reference-server read-back): what is saved, secrets left out.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct SavedSso {
    #[serde(default)]
    pub sso: Option<CompanySso>,
    #[serde(default)]
    pub providers: Vec<SavedProvider>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct SavedProvider {
    pub provider: String,
    pub configuration: ProviderConfiguration,
}

/// `permissions.get_user_groups`: a tenant's groups, the targets of a group mapping.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct UserGroups {
    pub groups: Vec<UserGroup>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct UserGroup {
    pub name: String,
    #[serde(default)]
    pub id: String,
    #[serde(default, deserialize_with = "crate::clearml::wire::text_or_null")]
    pub description: String,
    #[serde(default)]
    pub assignable: bool,
    #[serde(default)]
    pub system: bool,
    /// The ids of its members, where the server lists them.
    #[serde(default)]
    pub users: Vec<String>,
}

impl UserGroup {
    /// What membership gives, as far as the console can tell: a built-in group's role, or where
    /// a cross-tenant group's features are set (the server configuration, not the API).
    pub fn grants(&self) -> String {
        match BuiltinGroup::ALL.into_iter().find(|g| g.key() == self.name) {
            Some(builtin) => builtin.about().to_owned(),
            None => format!(
                "The features the server configuration gives it (CLEARML__services__auth__default_groups__{}__features), which only the supervisor sees.",
                self.name
            ),
        }
    }
}

/// The external tenant ids other tenants have, with those tenants' names: one id per tenant.
pub fn external_tenants_taken(companies: &[Company], except: &str) -> BTreeMap<String, String> {
    companies
        .iter()
        .filter(|c| c.id != except)
        .filter_map(|c| Some((c.sso.as_ref()?.tenant.clone(), c.name.clone())))
        .collect()
}

impl TenantSsoForm {
    /// The provider's endpoints as the issuer's discovery document gives them; one it does not
    /// list is left empty, for the person to fill in.
    pub fn fill_endpoints(&mut self, doc: Discovery) {
        self.provider.authorization_endpoint = doc.authorization_endpoint;
        self.provider.token_endpoint = doc.token_endpoint;
        self.provider.revocation_endpoint = doc.revocation_endpoint.unwrap_or_default();
        self.provider.end_session_endpoint = doc.end_session_endpoint.unwrap_or_default();
    }

    /// The addresses to register in the identity provider, once the client id and the external
    /// tenant are typed.
    pub fn links(&self, webapp: &SsoUrl) -> Option<TenantLinks> {
        let (client_id, tenant) = (self.provider.client_id.trim(), self.external_tenant.trim());
        (!client_id.is_empty() && !tenant.is_empty()).then(|| links(webapp, client_id, tenant))
    }

    /// The editor's first state from the server's read-back, and what to tell the person when
    /// there is none: a failed read still opens the form, empty, since saving replaces it whole.
    pub fn starting_from(read: Result<SavedSso, ApiError>) -> (Self, Option<String>) {
        match read {
            Ok(saved) => (Self::from_saved(&saved), None),
            Err(ApiError::NotFound { .. }) => (
                Self::default(),
                Some("This server offers no read-back of saved SSO settings: the form starts empty, and saving replaces what is there.".to_owned()),
            ),
            Err(e) => (Self::default(), Some(format!("Could not read the saved SSO settings: {}", e.message()))),
        }
    }

    /// The form as saved on the server, for editing; the secret must be typed again.
    pub fn from_saved(saved: &SavedSso) -> Self {
        let mut form = TenantSsoForm::default();
        if let Some(sso) = &saved.sso {
            form.external_tenant = sso.tenant.clone();
            form.group_mapping = sso
                .group_mapping
                .iter()
                .map(|(idp, clearml)| MappingRow { idp_group: idp.clone(), clearml_group: clearml.clone() })
                .collect();
            form.admin_groups = sso.admin_groups.join("\n");
        }
        if let Some(p) = saved.providers.iter().find(|p| p.provider == "keycloak") {
            form.provider = p.configuration.clone();
        }
        form
    }
}

/// One row of the group mapping as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MappingRow {
    pub idp_group: String,
    pub clearml_group: String,
}

/// A tenant's SSO as typed: its settings and its provider's configuration, whose `id` is filled
/// in with the company's id when sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TenantSsoForm {
    pub external_tenant: String,
    pub group_mapping: Vec<MappingRow>,
    pub admin_groups: String,
    pub provider: ProviderConfiguration,
}

impl Default for TenantSsoForm {
    fn default() -> Self {
        TenantSsoForm {
            external_tenant: String::new(),
            group_mapping: Vec::new(),
            admin_groups: String::new(),
            provider: ProviderConfiguration {
                logout_from_provider: true,
                claim_tenant: "tenant_key".into(),
                claim_name: "name".into(),
                group_enabled: true,
                claim_groups: "groups".into(),
                ..Default::default()
            },
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TenantSsoField {
    ExternalTenant,
    GroupMapping(usize),
    DisplayName,
    ClientId,
    ClientSecret,
    AuthorizationEndpoint,
    TokenEndpoint,
    RevocationEndpoint,
    EndSessionEndpoint,
    ClaimTenant,
    ClaimName,
    ClaimGroups,
}

pub type TenantSsoErrors = BTreeMap<TenantSsoField, String>;

/// What the checks need to know beyond the form: which external tenant ids other tenants hold
/// (by tenant name), and the groups this tenant has, when the server could list them.
pub struct Context<'a> {
    pub taken: &'a BTreeMap<String, String>,
    pub groups: Option<&'a [String]>,
}

impl TenantSsoForm {
    /// The form as it may be kept in the tab: everything but the client secret.
    pub fn without_secret(&self) -> Self {
        let mut kept = self.clone();
        kept.provider.client_secret.clear();
        kept
    }

    /// Both calls' bodies, or every problem at once.
    pub fn validate(
        &self,
        company: &CompanyId,
        ctx: &Context,
    ) -> Result<(UpdateCompanySsoConfig, SaveProviderConfiguration), TenantSsoErrors> {
        let mut e = TenantSsoErrors::new();
        let tenant = self.external_tenant.trim();
        if tenant.is_empty() {
            e.insert(
                TenantSsoField::ExternalTenant,
                "Enter the external tenant id the IdP sends for this tenant's users.".into(),
            );
        } else if tenant.contains(['/', '?', '#']) || tenant.chars().any(char::is_whitespace) {
            e.insert(
                TenantSsoField::ExternalTenant,
                "The external tenant id is part of the login link: no spaces, '/', '?' or '#'.".into(),
            );
        } else if let Some(other) = ctx.taken.iter().find(|(id, _)| id.as_str() == tenant).map(|(_, name)| name) {
            e.insert(
                TenantSsoField::ExternalTenant,
                format!("The external tenant \"{tenant}\" is already associated with the tenant \"{other}\": only one tenant may be."),
            );
        }
        let mut mapping = BTreeMap::new();
        for (i, row) in self.group_mapping.iter().enumerate() {
            let (idp, target) = (row.idp_group.trim(), row.clearml_group.trim());
            if idp.is_empty() && target.is_empty() {
                continue;
            }
            let problem = if idp.is_empty() || target.is_empty() {
                Some("Fill in both the IdP group and the ClearML group, or clear the row.".to_owned())
            } else if mapping.contains_key(idp) {
                Some(format!("\"{idp}\" is mapped twice: an IdP group maps to one ClearML group."))
            } else {
                match ctx.groups {
                    Some(groups) if !groups.iter().any(|g| g == target) => Some(format!(
                        "This tenant has no group \"{target}\": create it in ClearML first, or pick one of: {}.",
                        if groups.is_empty() { "(none yet)".to_owned() } else { groups.join(", ") }
                    )),
                    _ => None,
                }
            };
            match problem {
                Some(m) => {
                    e.insert(TenantSsoField::GroupMapping(i), m);
                }
                None => {
                    mapping.insert(idp.to_owned(), target.to_owned());
                }
            }
        }
        let p = &self.provider;
        let mut required = |field, value: &str, message: &str| {
            if value.trim().is_empty() {
                e.insert(field, message.to_owned());
            }
        };
        required(TenantSsoField::DisplayName, &p.display_name, "Enter the text of the login button.");
        required(TenantSsoField::ClientId, &p.client_id, "Enter the client id of this tenant's IdP client.");
        required(
            TenantSsoField::ClientSecret,
            &p.client_secret,
            "Enter the client secret of this tenant's IdP client.",
        );
        required(TenantSsoField::ClaimTenant, &p.claim_tenant, "Enter the claim that carries the external tenant id.");
        required(TenantSsoField::ClaimName, &p.claim_name, "Enter the claim that carries the user's name.");
        if p.group_enabled {
            required(TenantSsoField::ClaimGroups, &p.claim_groups, "Enter the claim that carries the user's groups.");
        }
        for (field, value, what) in [
            (TenantSsoField::AuthorizationEndpoint, &p.authorization_endpoint, "authorization endpoint"),
            (TenantSsoField::TokenEndpoint, &p.token_endpoint, "token endpoint"),
            (TenantSsoField::RevocationEndpoint, &p.revocation_endpoint, "revocation endpoint"),
            (TenantSsoField::EndSessionEndpoint, &p.end_session_endpoint, "end-session endpoint"),
        ] {
            if let Err(m) = SsoUrl::parse(value, what) {
                e.insert(field, m);
            }
        }
        if !e.is_empty() {
            return Err(e);
        }
        let sso = UpdateCompanySsoConfig {
            company: company.clone(),
            sso: CompanySso {
                tenant: tenant.to_owned(),
                group_mapping: mapping,
                admin_groups: names(&self.admin_groups),
            },
        };
        let url = |s: &str| s.trim().trim_end_matches('/').to_owned();
        let provider = SaveProviderConfiguration {
            provider: "keycloak".into(),
            company: company.clone(),
            configuration: ProviderConfiguration {
                id: company.to_string(),
                display_name: p.display_name.trim().to_owned(),
                client_id: p.client_id.trim().to_owned(),
                client_secret: p.client_secret.trim().to_owned(),
                authorization_endpoint: url(&p.authorization_endpoint),
                token_endpoint: url(&p.token_endpoint),
                revocation_endpoint: url(&p.revocation_endpoint),
                end_session_endpoint: url(&p.end_session_endpoint),
                claim_tenant: p.claim_tenant.trim().to_owned(),
                claim_name: p.claim_name.trim().to_owned(),
                claim_groups: p.claim_groups.trim().to_owned(),
                ..p.clone()
            },
        };
        Ok((sso, provider))
    }
}

/// What to register in the IdP for a tenant, and the link its users sign in with.
#[derive(Clone, Debug, PartialEq)]
pub struct TenantLinks {
    pub redirect_uri: String,
    pub post_logout_uris: Vec<String>,
    pub login_link: String,
}

pub fn links(webapp: &SsoUrl, client_id: &str, external_tenant: &str) -> TenantLinks {
    let w = webapp.as_str();
    TenantLinks {
        redirect_uri: format!("{w}/callback_{client_id}"),
        post_logout_uris: vec![format!("{w}/login"), format!("{w}/login/{external_tenant}")],
        login_link: format!("{w}/login/{external_tenant}"),
    }
}

/// The tenant's own Keycloak client, with a mapper that sends its external tenant id.
pub fn client(webapp: &SsoUrl, form: &TenantSsoForm, include_secret: bool) -> ClientSpec {
    let (p, tenant) = (&form.provider, form.external_tenant.trim());
    let client_id = p.client_id.trim();
    let l = links(webapp, client_id, tenant);
    ClientSpec {
        client_id: client_id.to_owned(),
        name: p.display_name.trim().to_owned(),
        webapp: webapp.as_str().to_owned(),
        redirect_uris: vec![l.redirect_uri],
        post_logout_uris: l.post_logout_uris,
        groups_claim: p.group_enabled.then(|| p.claim_groups.trim().to_owned()),
        tenant_claim: Some((p.claim_tenant.trim().to_owned(), tenant.to_owned())),
        secret: include_secret.then(|| p.client_secret.trim().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_the_sso_page_applies_are_the_forms() {
        let company = |id: &str, name: &str, tenant: Option<&str>| -> Company {
            serde_json::from_value(serde_json::json!({ "id": id, "name": name }))
                .map(|mut c: Company| {
                    c.sso = tenant.map(|t| CompanySso { tenant: t.into(), ..CompanySso::default() });
                    c
                })
                .unwrap()
        };
        let all = [
            company("a", "Acme", Some("acme-idp")),
            company("b", "Beta", Some("beta-idp")),
            company("c", "Gamma", None),
        ];
        let taken = external_tenants_taken(&all, "a");
        assert_eq!(taken.into_iter().collect::<Vec<_>>(), [("beta-idp".to_owned(), "Beta".to_owned())]);

        let mut form = TenantSsoForm::default();
        let webapp = SsoUrl::parse("https://app.example.com", "web app address").unwrap();
        assert_eq!(form.links(&webapp), None);
        form.provider.client_id = " clearml ".into();
        form.external_tenant = "acme-idp".into();
        assert_eq!(
            form.links(&webapp).map(|l| l.redirect_uri),
            Some("https://app.example.com/callback_clearml".into())
        );

        let doc: Discovery = serde_json::from_value(serde_json::json!({
            "issuer": "https://idp", "authorization_endpoint": "https://idp/auth", "token_endpoint": "https://idp/token"
        }))
        .unwrap();
        form.provider.end_session_endpoint = "https://old/logout".into();
        form.fill_endpoints(doc);
        assert_eq!(form.provider.authorization_endpoint, "https://idp/auth");
        assert_eq!(form.provider.end_session_endpoint, "", "one the document does not list is emptied, not kept");
    }

    #[test]
    fn a_failed_read_back_opens_the_form_empty_and_says_why() {
        let (form, note) = TenantSsoForm::starting_from(Err(ApiError::NotFound { message: "no such endpoint".into() }));
        assert_eq!(form, TenantSsoForm::default());
        assert_eq!(note.as_deref(), Some("This server offers no read-back of saved SSO settings: the form starts empty, and saving replaces what is there."));
        let (_, note) = TenantSsoForm::starting_from(Err(ApiError::Network("connection refused".into())));
        assert_eq!(
            note.as_deref(),
            Some("Could not read the saved SSO settings: Could not reach the server: connection refused")
        );
        let (_, note) = TenantSsoForm::starting_from(Ok(SavedSso::default()));
        assert_eq!(note, None);
    }

    #[test]
    fn a_group_says_what_it_grants_and_reads_with_or_without_details() {
        let read: UserGroups = serde_json::from_value(serde_json::json!({"groups": [
            {"id": "g1", "name": "admins", "description": null, "assignable": true, "system": true, "users": ["u1"]},
            {"name": "mlops"}
        ]}))
        .unwrap();
        assert_eq!(read.groups[0].grants(), "Users with administrative privileges.");
        assert_eq!(read.groups[0].users, vec!["u1".to_owned()]);
        assert_eq!(
            read.groups[1].grants(),
            "The features the server configuration gives it (CLEARML__services__auth__default_groups__mlops__features), which only the supervisor sees."
        );
    }

    const COMPANY: &str = "0123456789abcdef0123456789abcdef";

    fn company() -> CompanyId {
        CompanyId::parse(COMPANY).unwrap()
    }

    fn form() -> TenantSsoForm {
        TenantSsoForm {
            external_tenant: "acme".into(),
            group_mapping: vec![MappingRow { idp_group: "AD Data".into(), clearml_group: "data".into() }],
            admin_groups: "AD Admins\nops".into(),
            provider: ProviderConfiguration {
                display_name: "Sign in with Acme".into(),
                client_id: "acme-clearml".into(),
                client_secret: "s3cr3t".into(),
                authorization_endpoint: "https://kc.example.com/realms/acme/protocol/openid-connect/auth".into(),
                token_endpoint: "https://kc.example.com/realms/acme/protocol/openid-connect/token".into(),
                revocation_endpoint: "https://kc.example.com/realms/acme/protocol/openid-connect/revoke".into(),
                end_session_endpoint: "https://kc.example.com/realms/acme/protocol/openid-connect/logout".into(),
                ..TenantSsoForm::default().provider
            },
        }
    }

    fn groups() -> Vec<String> {
        vec!["data".into(), "ops".into()]
    }

    #[test]
    fn a_valid_form_gives_both_calls_as_the_seed_writes_them() {
        let (taken, groups) = (BTreeMap::new(), groups());
        let (sso, provider) = form().validate(&company(), &Context { taken: &taken, groups: Some(&groups) }).unwrap();
        assert_eq!(
            serde_json::to_value(&sso).unwrap(),
            serde_json::json!({"company": COMPANY, "sso": {"tenant": "acme", "group_mapping": {"AD Data": "data"},
                "admin_groups": ["AD Admins", "ops"]}})
        );
        let body = serde_json::to_value(&provider).unwrap();
        assert_eq!(body["provider"], "keycloak");
        assert_eq!(body["configuration"]["id"], COMPANY);
        assert_eq!(body["configuration"]["claim_tenant"], "tenant_key");
        assert_eq!(body["configuration"]["logout_from_provider"], true);
        let keys: Vec<_> = body["configuration"].as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys.len(), 14, "{keys:?}");
    }

    #[test]
    fn one_tenant_per_external_tenant_id() {
        let taken = BTreeMap::from([("acme".to_owned(), "Acme Corp".to_owned())]);
        let e = form().validate(&company(), &Context { taken: &taken, groups: None }).unwrap_err();
        assert_eq!(
            e[&TenantSsoField::ExternalTenant],
            "The external tenant \"acme\" is already associated with the tenant \"Acme Corp\": only one tenant may be."
        );
        let spaced = TenantSsoForm { external_tenant: "ac me".into(), ..form() };
        let e = spaced.validate(&company(), &Context { taken: &BTreeMap::new(), groups: None }).unwrap_err();
        assert_eq!(
            e[&TenantSsoField::ExternalTenant],
            "The external tenant id is part of the login link: no spaces, '/', '?' or '#'."
        );
    }

    #[test]
    fn mapping_targets_must_be_groups_of_the_tenant() {
        let mut f = form();
        f.group_mapping.push(MappingRow { idp_group: "AD Ghosts".into(), clearml_group: "ghosts".into() });
        f.group_mapping.push(MappingRow { idp_group: "AD Data".into(), clearml_group: "ops".into() });
        f.group_mapping.push(MappingRow { idp_group: "half".into(), clearml_group: " ".into() });
        f.group_mapping.push(MappingRow::default());
        let (taken, groups) = (BTreeMap::new(), groups());
        let e = f.validate(&company(), &Context { taken: &taken, groups: Some(&groups) }).unwrap_err();
        assert_eq!(
            e[&TenantSsoField::GroupMapping(1)],
            "This tenant has no group \"ghosts\": create it in ClearML first, or pick one of: data, ops."
        );
        assert_eq!(
            e[&TenantSsoField::GroupMapping(2)],
            "\"AD Data\" is mapped twice: an IdP group maps to one ClearML group."
        );
        assert_eq!(
            e[&TenantSsoField::GroupMapping(3)],
            "Fill in both the IdP group and the ClearML group, or clear the row."
        );
        assert_eq!(e.len(), 3, "an empty row is ignored: {e:?}");
    }

    #[test]
    fn claims_and_endpoints_are_required() {
        let mut f = form();
        f.provider.claim_tenant = " ".into();
        f.provider.claim_groups = "".into();
        f.provider.token_endpoint = "kc/token".into();
        let e = f.validate(&company(), &Context { taken: &BTreeMap::new(), groups: None }).unwrap_err();
        assert_eq!(e[&TenantSsoField::ClaimTenant], "Enter the claim that carries the external tenant id.");
        assert_eq!(e[&TenantSsoField::ClaimGroups], "Enter the claim that carries the user's groups.");
        assert_eq!(
            e[&TenantSsoField::TokenEndpoint],
            "The token endpoint must be an absolute URL starting with https://."
        );
    }

    #[test]
    fn links_follow_the_seed() {
        let webapp = SsoUrl::parse("https://app.example.com/", "web app address").unwrap();
        let l = links(&webapp, "acme-clearml", "acme");
        assert_eq!(l.redirect_uri, "https://app.example.com/callback_acme-clearml");
        assert_eq!(l.post_logout_uris, ["https://app.example.com/login", "https://app.example.com/login/acme"]);
        assert_eq!(l.login_link, "https://app.example.com/login/acme");
        let c = client(&webapp, &form(), false);
        assert_eq!(c.tenant_claim, Some(("tenant_key".into(), "acme".into())));
        assert_eq!(c.secret, None);
    }

    #[test]
    fn a_saved_configuration_reads_back_into_the_form() {
        let saved: SavedSso = serde_json::from_value(serde_json::json!({
            "sso": {"tenant": "acme", "group_mapping": {"AD Data": "data"}, "admin_groups": ["a", "b"]},
            "providers": [{"provider": "keycloak", "configuration": {"id": COMPANY, "client_id": "acme-clearml"}}]
        }))
        .unwrap();
        let form = TenantSsoForm::from_saved(&saved);
        assert_eq!(form.external_tenant, "acme");
        assert_eq!(form.group_mapping, [MappingRow { idp_group: "AD Data".into(), clearml_group: "data".into() }]);
        assert_eq!(form.admin_groups, "a\nb");
        assert_eq!(form.provider.client_id, "acme-clearml");
        assert_eq!(form.provider.client_secret, "");
    }

    #[test]
    fn the_secret_is_not_kept_in_the_tab() {
        let kept = serde_json::to_string(&form().without_secret()).unwrap();
        assert!(!kept.contains("s3cr3t") && kept.contains("acme-clearml"));
    }

    #[test]
    fn global_switches_are_the_seeds() {
        let names: Vec<_> = apiserver_env().into_iter().map(|v| (v.name, v.value)).collect();
        assert_eq!(
            names,
            [
                ("CLEARML__services__login__sso__tenant_login".to_owned(), "true".to_owned()),
                ("CLEARML__services__login__sso__allow_settings_providers".to_owned(), "false".to_owned())
            ]
        );
        assert_eq!(webserver_env()[0].name, "WEBSERVER__onlyPasswordLogin");
    }
}
