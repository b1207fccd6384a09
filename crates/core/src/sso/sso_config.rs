//! The global Keycloak SSO of the apiserver, as the wizard collects it, step by step: each step's
//! fields are checked before the next, and the whole becomes the seed's environment variables and
//! a Keycloak client to import.

use crate::clearml::ids::CompanyId;
use crate::export::env_value;
use crate::export::server_config::{self, EnvVar};
use crate::names::paste::names;
use crate::sso::keycloak_client::{self, ClientSpec};
use crate::sso::oidc::{base_url, SsoUrl};
use crate::sso::tenant_sso;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const SERVICES: &str = "CLEARML__services__login__sso__oauth_client__keycloak__";
const SECURE: &str = "CLEARML__secure__login__sso__oauth_client__keycloak__";

/// What the exports wait for: this step has a problem still.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unfinished(pub Step);

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    #[default]
    Issuer,
    Endpoints,
    Client,
    Claims,
    Options,
    Review,
}

impl Step {
    pub const ALL: [Step; 6] = [Step::Issuer, Step::Endpoints, Step::Client, Step::Claims, Step::Options, Step::Review];

    pub fn title(self) -> &'static str {
        match self {
            Step::Issuer => "Issuer",
            Step::Endpoints => "Endpoints",
            Step::Client => "Client",
            Step::Claims => "What Keycloak returns",
            Step::Options => "Options",
            Step::Review => "Review and export",
        }
    }
}

/// How ClearML recognises administrators from the token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdminRole {
    /// The server's default: the `admin` role claim.
    #[default]
    ServerDefault,
    /// Another role name.
    Named,
    /// No role association: admins are managed in the web app only.
    Disabled,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SsoForm {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub end_session_endpoint: String,
    pub client_id: String,
    /// Kept in memory only.
    #[serde(skip)]
    pub client_secret: String,
    pub webapp_url: String,
    pub claim_name: String,
    pub default_company: String,
    pub groups_enabled: bool,
    pub groups_claim: String,
    pub admin_groups: String,
    pub prohibit_signup_if_not_in_group: bool,
    pub admin_role: AdminRole,
    pub admin_role_name: String,
    pub idp_logout: bool,
    pub info_from_access_token: bool,
    pub include_secret_in_client: bool,
    /// Adds multi-tenant login mode's global switches to the files.
    pub multi_tenant: bool,
}

impl Default for SsoForm {
    fn default() -> Self {
        SsoForm {
            issuer: String::new(),
            authorization_endpoint: String::new(),
            token_endpoint: String::new(),
            end_session_endpoint: String::new(),
            client_id: "clearml".into(),
            client_secret: String::new(),
            webapp_url: String::new(),
            claim_name: "preferred_username".into(),
            default_company: String::new(),
            groups_enabled: false,
            groups_claim: "groups".into(),
            admin_groups: String::new(),
            prohibit_signup_if_not_in_group: false,
            admin_role: AdminRole::ServerDefault,
            admin_role_name: String::new(),
            idp_logout: false,
            info_from_access_token: true,
            include_secret_in_client: false,
            multi_tenant: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SsoField {
    Issuer,
    AuthorizationEndpoint,
    TokenEndpoint,
    EndSessionEndpoint,
    ClientId,
    ClientSecret,
    WebappUrl,
    ClaimName,
    DefaultCompany,
    GroupsClaim,
    AdminRoleName,
}

pub type SsoErrors = BTreeMap<SsoField, String>;

fn claim(value: &str, what: &str) -> Result<(), String> {
    let v = value.trim();
    if v.is_empty() {
        Err(format!("Enter the {what} claim."))
    } else if v.chars().any(char::is_whitespace) {
        Err(format!("The {what} claim is one name without spaces."))
    } else {
        Ok(())
    }
}

/// The callback Keycloak must redirect to: derived from the web app's address, never typed.
pub fn callback_url(webapp: &SsoUrl) -> String {
    format!("{}/callback_keycloak", webapp.as_str())
}

impl SsoForm {
    /// The problems of one step's fields; the wizard moves on only when it is empty.
    pub fn check(&self, step: Step) -> SsoErrors {
        let mut e = SsoErrors::new();
        let mut url = |field, value: &str, what: &str, optional: bool| {
            if optional && value.trim().is_empty() {
                return;
            }
            if let Err(m) = SsoUrl::parse(value, what) {
                e.insert(field, m);
            }
        };
        match step {
            Step::Issuer => url(SsoField::Issuer, &self.issuer, "issuer URL", false),
            Step::Endpoints => {
                url(SsoField::AuthorizationEndpoint, &self.authorization_endpoint, "authorization endpoint", false);
                url(SsoField::TokenEndpoint, &self.token_endpoint, "token endpoint", false);
                url(SsoField::EndSessionEndpoint, &self.end_session_endpoint, "end-session endpoint", true);
            }
            Step::Client => {
                url(SsoField::WebappUrl, &self.webapp_url, "ClearML web app address", false);
                let id = self.client_id.trim();
                if id.is_empty() {
                    e.insert(SsoField::ClientId, "Enter the client id.".into());
                } else if !id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')) {
                    e.insert(SsoField::ClientId, "A client id uses letters, digits, '-', '_' and '.' only.".into());
                }
                if self.client_secret.trim().is_empty() {
                    e.insert(
                        SsoField::ClientSecret,
                        "Enter the client secret from the client's Credentials tab.".into(),
                    );
                }
            }
            Step::Claims => {
                if let Err(m) = claim(&self.claim_name, "user name") {
                    e.insert(SsoField::ClaimName, m);
                }
                if self.groups_enabled {
                    if let Err(m) = claim(&self.groups_claim, "groups") {
                        e.insert(SsoField::GroupsClaim, m);
                    }
                }
            }
            Step::Options => {
                let company = self.default_company.trim();
                if !company.is_empty() {
                    if let Err(m) = CompanyId::parse(company) {
                        e.insert(SsoField::DefaultCompany, m);
                    }
                }
                if self.admin_role == AdminRole::Named {
                    if let Err(m) = claim(&self.admin_role_name, "admin role") {
                        e.insert(SsoField::AdminRoleName, m);
                    }
                }
            }
            Step::Review => {}
        }
        e
    }

    /// The first step with a problem, if any: the review and the exports need every step done.
    pub fn first_unfinished(&self) -> Option<Step> {
        Step::ALL.into_iter().find(|&s| !self.check(s).is_empty())
    }

    /// The apiserver's variables, in the seed's order, or the first step still to finish.
    pub fn env_vars(&self) -> Result<Vec<EnvVar>, Unfinished> {
        self.finished()?;
        let issuer = SsoUrl::parse(&self.issuer, "issuer URL").map_err(|_| Unfinished(Step::Issuer))?;
        let var = |name: &str, value: String| EnvVar { name: name.to_owned(), value, secret: false };
        let mut env = vec![
            var(
                &format!("{SERVICES}base_url"),
                env_value::text(&base_url(self.authorization_endpoint.trim(), &issuer)),
            ),
            var(&format!("{SERVICES}authorize_url"), env_value::text(self.authorization_endpoint.trim())),
            var(&format!("{SERVICES}access_token_url"), env_value::text(self.token_endpoint.trim())),
            var(&format!("{SECURE}client_id"), env_value::text(self.client_id.trim())),
            EnvVar {
                secret: true,
                ..var(&format!("{SECURE}client_secret"), env_value::text(self.client_secret.trim()))
            },
        ];
        let company = self.default_company.trim();
        if !company.is_empty() {
            env.push(var(&format!("{SECURE}default_company"), env_value::text(company)));
        }
        env.push(var(&format!("{SERVICES}claims__name"), env_value::text(self.claim_name.trim())));
        if self.groups_enabled {
            env.push(var(&format!("{SERVICES}groups__enabled"), env_value::boolean(true)));
            env.push(var(&format!("{SERVICES}groups__claim"), env_value::text(self.groups_claim.trim())));
            let admins = names(&self.admin_groups);
            if !admins.is_empty() {
                env.push(var(&format!("{SERVICES}groups__admins"), env_value::list(admins.iter().map(String::as_str))));
            }
            if self.prohibit_signup_if_not_in_group {
                env.push(var(
                    &format!("{SERVICES}groups__prohibit_user_signup_if_not_in_group"),
                    env_value::boolean(true),
                ));
            }
        }
        match self.admin_role {
            AdminRole::ServerDefault => {}
            AdminRole::Named => {
                env.push(var(&format!("{SERVICES}admin_role"), env_value::text(self.admin_role_name.trim())))
            }
            AdminRole::Disabled => env.push(var(&format!("{SERVICES}admin_role"), env_value::quoted(""))),
        }
        if self.idp_logout {
            env.push(var(&format!("{SERVICES}idp_logout"), env_value::boolean(true)));
        }
        if !self.info_from_access_token {
            env.push(var(&format!("{SERVICES}get_info_from_access_token"), env_value::boolean(false)));
        }
        Ok(env)
    }

    fn finished(&self) -> Result<(), Unfinished> {
        self.first_unfinished().map_or(Ok(()), |step| Err(Unfinished(step)))
    }

    /// The Helm values and the docker-compose override, the client secret masked when `masked`;
    /// `None` while a step is unfinished (a reload drops the secret, a reset empties everything).
    pub fn files(&self, masked: bool) -> Option<(String, String)> {
        self.exported_files(masked).ok()
    }

    fn exported_files(&self, masked: bool) -> Result<(String, String), Unfinished> {
        let mut apiserver = self.env_vars()?;
        let mut webserver = Vec::new();
        if self.multi_tenant {
            apiserver.extend(tenant_sso::apiserver_env());
            webserver = tenant_sso::webserver_env();
        }
        if masked {
            apiserver = server_config::masked(&apiserver);
        }
        Ok((
            server_config::helm_server_values(&apiserver, &webserver, false),
            server_config::compose_override(&apiserver, &webserver),
        ))
    }

    /// The Keycloak client to import, its secret (when included) masked when `masked`; `None`
    /// while a step is unfinished.
    pub fn client_file(&self, masked: bool) -> Option<String> {
        let client = self.client().ok()?;
        Some(keycloak_client::client_file(&if masked { client.masked() } else { client }))
    }

    /// The client Keycloak must hold for this configuration, or the first step still to finish.
    pub fn client(&self) -> Result<ClientSpec, Unfinished> {
        self.finished()?;
        let webapp = SsoUrl::parse(&self.webapp_url, "web app address").map_err(|_| Unfinished(Step::Client))?;
        Ok(ClientSpec {
            client_id: self.client_id.trim().to_owned(),
            name: "ClearML".into(),
            webapp: webapp.as_str().to_owned(),
            redirect_uris: vec![callback_url(&webapp)],
            post_logout_uris: vec![format!("{}/login", webapp.as_str())],
            groups_claim: self.groups_enabled.then(|| self.groups_claim.trim().to_owned()),
            tenant_claim: None,
            secret: self.include_secret_in_client.then(|| self.client_secret.trim().to_owned()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> SsoForm {
        SsoForm {
            issuer: "https://kc.example.com/realms/acme".into(),
            authorization_endpoint: "https://kc.example.com/realms/acme/protocol/openid-connect/auth".into(),
            token_endpoint: "https://kc.example.com/realms/acme/protocol/openid-connect/token".into(),
            client_secret: "s3cr3t".into(),
            webapp_url: "https://app.example.com/".into(),
            ..Default::default()
        }
    }

    fn value<'a>(env: &'a [EnvVar], suffix: &str) -> Option<&'a str> {
        env.iter().find(|v| v.name.ends_with(suffix)).map(|v| v.value.as_str())
    }

    #[test]
    fn each_step_checks_its_own_fields() {
        let empty = SsoForm::default();
        assert_eq!(empty.check(Step::Issuer)[&SsoField::Issuer], "Enter the issuer URL.");
        assert_eq!(empty.check(Step::Endpoints)[&SsoField::TokenEndpoint], "Enter the token endpoint.");
        let client = empty.check(Step::Client);
        assert_eq!(client[&SsoField::ClientSecret], "Enter the client secret from the client's Credentials tab.");
        assert_eq!(client[&SsoField::WebappUrl], "Enter the ClearML web app address.");
        assert!(!client.contains_key(&SsoField::ClientId));
        let bad = SsoForm { client_id: "clear ml".into(), claim_name: " ".into(), ..complete() };
        assert_eq!(
            bad.check(Step::Client)[&SsoField::ClientId],
            "A client id uses letters, digits, '-', '_' and '.' only."
        );
        assert_eq!(bad.check(Step::Claims)[&SsoField::ClaimName], "Enter the user name claim.");
        assert_eq!(empty.first_unfinished(), Some(Step::Issuer));
        assert_eq!(complete().first_unfinished(), None);
    }

    #[test]
    fn group_and_admin_options_are_checked_only_when_chosen() {
        let groups = SsoForm { groups_enabled: true, groups_claim: "ad groups".into(), ..complete() };
        assert_eq!(groups.check(Step::Claims)[&SsoField::GroupsClaim], "The groups claim is one name without spaces.");
        let admin = SsoForm { admin_role: AdminRole::Named, default_company: "acme".into(), ..complete() };
        let e = admin.check(Step::Options);
        assert_eq!(e[&SsoField::AdminRoleName], "Enter the admin role claim.");
        assert_eq!(e[&SsoField::DefaultCompany], "Not a tenant id: \"acme\" (expected 32 lower-case hex characters)");
    }

    #[test]
    fn the_seeds_variables_with_base_url_from_the_endpoint() {
        let env = complete().env_vars().unwrap();
        assert_eq!(value(&env, "keycloak__base_url"), Some("\"https://kc.example.com/realms/acme\""));
        assert_eq!(env[3].name, "CLEARML__secure__login__sso__oauth_client__keycloak__client_id");
        assert_eq!(value(&env, "keycloak__client_id"), Some("clearml"));
        assert!(env.iter().find(|v| v.name.ends_with("client_secret")).unwrap().secret);
        assert_eq!(value(&env, "claims__name"), Some("preferred_username"));
        assert_eq!(value(&env, "groups__enabled"), None);
        assert_eq!(value(&env, "admin_role"), None);
    }

    #[test]
    fn options_add_their_variables() {
        let form = SsoForm {
            groups_enabled: true,
            admin_groups: "ClearML Admins, ops".into(),
            prohibit_signup_if_not_in_group: true,
            admin_role: AdminRole::Disabled,
            idp_logout: true,
            info_from_access_token: false,
            default_company: "d1bd92a3b039400cbafc60a7a5b1e52b".into(),
            ..complete()
        };
        let env = form.env_vars().unwrap();
        assert_eq!(value(&env, "groups__enabled"), Some("true"));
        assert_eq!(value(&env, "groups__claim"), Some("groups"));
        assert_eq!(value(&env, "groups__admins"), Some(r#"["ClearML Admins","ops"]"#));
        assert_eq!(value(&env, "prohibit_user_signup_if_not_in_group"), Some("true"));
        assert_eq!(value(&env, "admin_role"), Some("\"\""));
        assert_eq!(value(&env, "idp_logout"), Some("true"));
        assert_eq!(value(&env, "get_info_from_access_token"), Some("false"));
        assert_eq!(value(&env, "default_company"), Some("d1bd92a3b039400cbafc60a7a5b1e52b"));
    }

    #[test]
    fn the_client_redirects_to_the_derived_callback() {
        let client = complete().client().unwrap();
        assert_eq!(client.redirect_uris, ["https://app.example.com/callback_keycloak"]);
        assert_eq!(client.post_logout_uris, ["https://app.example.com/login"]);
        assert_eq!(client.secret, None);
        let with_secret =
            SsoForm { include_secret_in_client: true, groups_enabled: true, ..complete() }.client().unwrap();
        assert_eq!(with_secret.secret.as_deref(), Some("s3cr3t"));
        assert_eq!(with_secret.groups_claim.as_deref(), Some("groups"));
    }

    #[test]
    fn the_client_file_masks_an_included_secret_for_the_screen() {
        let form = SsoForm { include_secret_in_client: true, ..complete() };
        assert!(form.client_file(false).unwrap().contains("\"secret\": \"s3cr3t\""));
        let shown = form.client_file(true).unwrap();
        assert!(!shown.contains("s3cr3t") && shown.contains(crate::export::server_config::MASK), "{shown}");
    }

    #[test]
    fn an_unfinished_form_has_no_files() {
        let reloaded = SsoForm { client_secret: String::new(), ..complete() };
        assert_eq!(reloaded.files(false), None);
        assert_eq!(reloaded.client_file(false), None);
        assert_eq!(reloaded.env_vars(), Err(Unfinished(Step::Client)), "the secret is not kept: the Client step again");
        assert!(complete().files(true).is_some());
    }

    #[test]
    fn the_secret_is_never_saved() {
        let saved = serde_json::to_string(&complete()).unwrap();
        assert!(!saved.contains("s3cr3t"));
    }
}
