//! The apiserver's wire format: the envelope every answer comes in, and each endpoint's request
//! and answer. Requests hold validated types, so an invalid request cannot be built; answers are
//! read leniently, since a real server may hold values this console would not create.

use crate::{AllowedUsers, CompanyId, EmailAddress, EmailDomain, FeatureName, TenantName, UserId};
use serde::{Deserialize, Deserializer, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub meta: Meta,
    pub data: T,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub id: String,
    pub trx: String,
    pub endpoint: EndpointMeta,
    pub result_code: u16,
    pub result_subcode: u16,
    pub result_msg: String,
    pub error_stack: Option<String>,
    pub error_data: serde_json::Value,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EndpointMeta {
    pub name: String,
    pub requested_version: String,
    pub actual_version: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Empty {}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoginResponse {
    pub token: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServerInfo {
    pub version: String,
    #[serde(default, deserialize_with = "text_or_null")]
    pub build: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompanyRef {
    pub id: String,
    #[serde(default, deserialize_with = "text_or_null")]
    pub name: String,
}

/// A text field a server may send as `null` (the open-source apiserver's unset fields), read as
/// empty: the pages say "not reported" for an empty one.
pub(crate) fn text_or_null<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// A user as the apiserver lists it. The open-source apiserver's `users.get_all` gives `company`
/// as a plain id and no `role` or `email` (apiserver/database/model/user.py): then `company.name`
/// and `role` are empty, and the console says it does not know rather than guessing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    #[serde(default, deserialize_with = "text_or_null")]
    pub name: String,
    #[serde(deserialize_with = "id_or_company")]
    pub company: CompanyRef,
    #[serde(default, deserialize_with = "text_or_null")]
    pub role: String,
    #[serde(default, deserialize_with = "text_or_null")]
    pub email: String,
}

impl User {
    /// Its role; `Unknown` when the server does not report roles.
    pub fn role(&self) -> crate::Role {
        crate::Role::parse(&self.role)
    }
}

fn id_or_company<'de, D: Deserializer<'de>>(d: D) -> Result<CompanyRef, D::Error> {
    /// Read without an untagged enum (see `lenient`): the id as text, or the object as it is.
    struct IdOrCompany;
    impl<'de> serde::de::Visitor<'de> for IdOrCompany {
        type Value = CompanyRef;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a company id or a company")
        }

        fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<CompanyRef, E> {
            Ok(CompanyRef { id: id.to_owned(), name: String::new() })
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<CompanyRef, A::Error> {
            CompanyRef::deserialize(serde::de::value::MapAccessDeserializer::new(map))
        }
    }
    d.deserialize_any(IdOrCompany)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentUserResponse {
    pub user: User,
}

/// A tenant as `system.get_companies` lists it. `defaults` is what the reference server adds so a
/// tenant's settings can be read back; a server that omits it leaves it `None`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Company {
    pub id: String,
    pub name: String,
    #[serde(default = "active_by_default")]
    pub active: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defaults: Option<CompanySettings>,
    /// The tenant's SSO settings, which the reference server also reports; `None` when unset or
    /// when a server does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sso: Option<CompanySso>,
}

fn active_by_default() -> bool {
    true
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CompanySettings {
    #[serde(
        default,
        deserialize_with = "super::lenient::text_or_whole_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub allowed_users: Option<String>,
    #[serde(default)]
    pub features: Vec<String>,
    #[serde(default)]
    pub exclude_features: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GetCompaniesResponse {
    pub companies: Vec<Company>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CreateCompany {
    pub name: TenantName,
    #[serde(skip_serializing_if = "TenantDefaults::is_empty")]
    pub defaults: TenantDefaults,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TenantDefaults {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_users: Option<AllowedUsers>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<FeatureName>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exclude_features: Vec<FeatureName>,
}

impl TenantDefaults {
    pub fn is_empty(&self) -> bool {
        self.allowed_users.is_none() && self.features.is_empty() && self.exclude_features.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IdResponse {
    pub id: String,
}

/// `system.update_company_settings`: the lists replace what the tenant had, so both are always sent.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UpdateCompanySettings {
    pub company: CompanyId,
    pub features: Vec<FeatureName>,
    pub exclude_features: Vec<FeatureName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_users: Option<AllowedUsers>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UpdatedResponse {
    pub updated: u32,
}

/// `auth.create_user` exactly as the seed sends it for a tenant's admin: `role` and `internal` are
/// fixed, and `internal` is the string `"true"`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CreateAdminUser {
    pub name: String,
    pub company: CompanyId,
    pub email: EmailAddress,
    role: &'static str,
    internal: &'static str,
}

impl CreateAdminUser {
    pub fn new(name: String, company: CompanyId, email: EmailAddress) -> Self {
        Self { name, company, email, role: crate::Role::Admin.as_str(), internal: "true" }
    }
}

/// `users.get_all`; `company` is honoured for the system role by the reference server only.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UsersOf<'a> {
    pub company: &'a CompanyId,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsersResponse {
    pub users: Vec<User>,
}

impl UsersResponse {
    /// The users, if every one belongs to `company`. The open-source apiserver ignores a
    /// `company` filter and lists the caller's own company: taking that list for the tenant's
    /// would make the console act as another company's admin.
    pub fn of_company(self, company: &CompanyId) -> Result<Vec<User>, String> {
        match self.users.iter().find(|u| u.company.id != company.as_str()) {
            Some(other) => Err(format!(
                "users.get_all listed a user of another company ({}) for the tenant {company}: this server does not filter users by company",
                other.company.id
            )),
            None => Ok(self.users),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CreateCredentials {
    pub label: String,
}

/// A new key and secret: the only answer that ever carries a secret.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct IssuedCredentials {
    pub access_key: String,
    pub secret_key: String,
    #[serde(default, deserialize_with = "text_or_null")]
    pub label: String,
}

impl std::fmt::Debug for IssuedCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuedCredentials").field("access_key", &self.access_key).finish_non_exhaustive()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CreateCredentialsResponse {
    pub credentials: IssuedCredentials,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CredentialInfo {
    pub access_key: String,
    #[serde(default, deserialize_with = "text_or_null")]
    pub label: String,
    #[serde(default)]
    pub last_used: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GetCredentialsResponse {
    pub credentials: Vec<CredentialInfo>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RevokeCredentials<'a> {
    pub access_key: &'a str,
}

/// `login.get_settings`: a tenant's login routing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LoginSettings {
    #[serde(default)]
    pub domains: Vec<String>,
    #[serde(default)]
    pub whitelist_entries: Vec<WhitelistEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WhitelistEntry {
    pub email: String,
    /// Not every server reports it.
    #[serde(default)]
    pub is_admin: Option<bool>,
    #[serde(default)]
    pub status: String,
}

/// `login.set_domains`: replaces the tenant's list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SetDomains {
    pub domains: Vec<EmailDomain>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AddWhitelistEntries {
    pub emails: Vec<EmailAddress>,
    pub is_admin: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RemoveWhitelistEntries {
    pub emails: Vec<String>,
}

/// Whose identity a call takes, sent as one of the apiserver's acting headers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Acting {
    /// `X-Clearml-Impersonate-As`: the user's identity and role.
    ImpersonateAs(UserId),
    /// `X-Clearml-Act-As`: the user's identity and company, the caller's role.
    ActAs(UserId),
}

pub const IMPERSONATE_AS: &str = "X-Clearml-Impersonate-As";
pub const ACT_AS: &str = "X-Clearml-Act-As";

impl Acting {
    pub fn header(&self) -> (&'static str, &str) {
        match self {
            Acting::ImpersonateAs(u) => (IMPERSONATE_AS, u.as_str()),
            Acting::ActAs(u) => (ACT_AS, u.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `users.get_all` as the open-source apiserver answers it (apiserver/services/users.py
    /// `get_all` over apiserver/database/model/user.py): `company` is the id, no role, no email.
    const OPEN_SOURCE_USERS: &str = r#"{"users": [{"id": "8f0c0a1de9b84c2f9d2a6a1c3e5b7d90", "company": "d1bd92a3b039400cbafc60a7a5b1e52b",
        "name": "ana", "family_name": "Silva", "given_name": "Ana", "created": "2025-01-01T10:54:27.000+00:00"}]}"#;

    #[test]
    fn a_tenants_user_limit_reads_as_text_from_text_or_a_number() {
        let limit = |value: &str| {
            let json = format!(r#"{{"allowed_users": {value}}}"#);
            serde_json::from_str::<CompanySettings>(&json).unwrap().allowed_users
        };
        assert_eq!(limit(r#""7""#).as_deref(), Some("7"));
        assert_eq!(limit("25").as_deref(), Some("25"));
        assert_eq!(limit("null"), None);
        assert_eq!(limit("true"), None);
        assert_eq!(limit(r#"{"max": 3}"#), None);
    }

    #[test]
    fn users_decode_with_a_company_id_and_no_role_or_email() {
        let answer: UsersResponse = serde_json::from_str(OPEN_SOURCE_USERS).unwrap();
        let u = &answer.users[0];
        assert_eq!(u.company, CompanyRef { id: "d1bd92a3b039400cbafc60a7a5b1e52b".into(), name: String::new() });
        assert_eq!((u.role.as_str(), u.email.as_str()), ("", ""));
        let reference: User = serde_json::from_value(json!({"id": "u", "name": "ana",
            "company": {"id": "c", "name": "Acme"}, "role": "admin", "email": "ana@acme.io"}))
        .unwrap();
        assert_eq!((reference.company.name.as_str(), reference.role.as_str()), ("Acme", "admin"));
    }

    #[test]
    fn users_of_another_company_are_not_taken_for_the_tenants() {
        let asked = CompanyId::parse("0123456789abcdef0123456789abcdef").unwrap();
        let answer: UsersResponse = serde_json::from_str(OPEN_SOURCE_USERS).unwrap();
        assert_eq!(
            answer.of_company(&asked).unwrap_err(),
            "users.get_all listed a user of another company (d1bd92a3b039400cbafc60a7a5b1e52b) for the tenant \
             0123456789abcdef0123456789abcdef: this server does not filter users by company"
        );
        let own = CompanyId::parse("d1bd92a3b039400cbafc60a7a5b1e52b").unwrap();
        let answer: UsersResponse = serde_json::from_str(OPEN_SOURCE_USERS).unwrap();
        assert_eq!(answer.of_company(&own).unwrap().len(), 1);
    }

    #[test]
    fn create_company_is_sent_as_the_seed_sends_it() {
        let req = CreateCompany {
            name: TenantName::parse("Acme").unwrap(),
            defaults: TenantDefaults {
                allowed_users: Some(AllowedUsers::parse("10").unwrap()),
                features: vec![FeatureName::parse("experiments").unwrap()],
                exclude_features: ["app_management", "applications", "user_management"]
                    .map(|f| FeatureName::parse(f).unwrap())
                    .to_vec(),
            },
        };
        assert_eq!(
            serde_json::to_value(&req).unwrap(),
            json!({"name": "Acme", "defaults": {"allowed_users": "10", "features": ["experiments"],
                   "exclude_features": ["app_management", "applications", "user_management"]}})
        );
    }

    #[test]
    fn create_company_without_defaults_sends_only_the_name() {
        let req = CreateCompany { name: TenantName::parse("Acme").unwrap(), defaults: TenantDefaults::default() };
        assert_eq!(serde_json::to_value(&req).unwrap(), json!({"name": "Acme"}));
    }

    #[test]
    fn update_settings_always_sends_both_lists() {
        let req = UpdateCompanySettings {
            company: CompanyId::parse("d1bd92a3b039400cbafc60a7a5b1e52b").unwrap(),
            features: vec![FeatureName::parse("sso_management").unwrap()],
            exclude_features: vec![],
            allowed_users: None,
        };
        assert_eq!(
            serde_json::to_value(&req).unwrap(),
            json!({"company": "d1bd92a3b039400cbafc60a7a5b1e52b", "features": ["sso_management"], "exclude_features": []})
        );
    }

    #[test]
    fn the_admin_user_is_created_as_the_seed_creates_it() {
        let req = CreateAdminUser::new(
            "Ana Lopez".into(),
            CompanyId::parse("d1bd92a3b039400cbafc60a7a5b1e52b").unwrap(),
            EmailAddress::parse("ana@acme.io").unwrap(),
        );
        assert_eq!(
            serde_json::to_value(&req).unwrap(),
            json!({"name": "Ana Lopez", "company": "d1bd92a3b039400cbafc60a7a5b1e52b", "email": "ana@acme.io",
                   "role": "admin", "internal": "true"})
        );
    }

    #[test]
    fn a_secret_never_shows_in_debug_output() {
        let c = IssuedCredentials { access_key: "AK".into(), secret_key: "hush".into(), label: String::new() };
        assert!(!format!("{c:?}").contains("hush"));
    }

    #[test]
    fn companies_are_read_with_or_without_settings() {
        let answer: GetCompaniesResponse = serde_json::from_value(json!({"companies": [
            {"id": "a", "name": "A", "active": true},
            {"id": "b", "name": "B", "defaults": {"allowed_users": 5, "features": ["x"]}}
        ]}))
        .unwrap();
        assert_eq!(answer.companies[0].defaults, None);
        let b = answer.companies[1].defaults.as_ref().unwrap();
        assert_eq!(b.allowed_users.as_deref(), Some("5"));
        assert_eq!(b.features, ["x"]);
        assert!(answer.companies[1].active);
    }

    #[test]
    fn envelope_round_trips() {
        let text = r#"{"meta":{"id":"0123456789abcdef0123456789abcdef","trx":"0123456789abcdef0123456789abcdef",
            "endpoint":{"name":"auth.login","requested_version":"2.31","actual_version":"2.31"},
            "result_code":200,"result_subcode":0,"result_msg":"OK","error_stack":null,"error_data":{}},
            "data":{"token":"t"}}"#;
        let env: Envelope<LoginResponse> = serde_json::from_str(text).unwrap();
        assert_eq!(env.data.token, "t");
        let again: Envelope<LoginResponse> = serde_json::from_value(serde_json::to_value(&env).unwrap()).unwrap();
        assert_eq!(again, env);
    }
}

/// A tenant's own single sign-on, as `system.update_company_sso_config` takes it and the
/// company list reports it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CompanySso {
    pub tenant: String,
    #[serde(default)]
    pub group_mapping: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub admin_groups: Vec<String>,
}
