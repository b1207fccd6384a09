//! The live state as a platform file: every tenant with what the server reports of it. A secret is
//! never written: an identity provider's client secret is exported as `{keep: true}`, which plans
//! nothing. Planning the export against the state it came from gives no change.

use super::live::{LiveState, LiveTenant};
use super::spec::VERSION;
use crate::export::yaml::{dump, map, string};
use crate::names::readable_name::quoted;
use yaml_rust2::Yaml;

/// The file, and a line for each tenant whose admins or routing could not be read.
pub struct Exported {
    pub text: String,
    pub notes: Vec<String>,
}

fn list(items: impl IntoIterator<Item = String>) -> Yaml {
    Yaml::Array(items.into_iter().map(Yaml::String).collect())
}

pub fn export(live: &LiveState) -> Exported {
    let mut notes = Vec::new();
    let tenants = live.tenants.iter().map(|t| tenant(t, &mut notes)).collect();
    let doc = map([("version", Yaml::Integer(VERSION as i64)), ("tenants", Yaml::Array(tenants))]);
    let text = format!(
        "# Tenantry platform file: plan it with `tenantry plan FILE`, apply it with `tenantry apply FILE`.\n{}",
        dump(&doc).trim_start_matches("---\n")
    );
    Exported { text, notes }
}

fn tenant(t: &LiveTenant, notes: &mut Vec<String>) -> Yaml {
    let mut fields = vec![("name", string(&t.company.name))];
    if let Some(d) = &t.company.defaults {
        if let Some(u) = d.allowed_users.as_deref().filter(|u| !u.is_empty()) {
            fields.push(("allowed_users", u.parse::<i64>().map_or_else(|_| string(u), Yaml::Integer)));
        }
        fields.push(("features", list(d.features.clone())));
        fields.push(("exclude_features", list(d.exclude_features.clone())));
    }
    match &t.routing {
        Some(r) => {
            fields.push(("domains", list(r.domains.clone())));
            let of = |admin: bool| {
                list(
                    r.whitelist_entries
                        .iter()
                        .filter(|w| w.is_admin.unwrap_or(false) == admin)
                        .map(|w| w.email.clone()),
                )
            };
            fields.push(("whitelist", of(false)));
            fields.push(("whitelist_admins", of(true)));
        }
        None => notes.push(format!(
            "\u{201c}{}\u{201d}: its login routing was not exported: {}",
            quoted(&t.company.name),
            t.users.as_ref().err().map_or("it has no admin to read it as.", String::as_str)
        )),
    }
    let admins: Vec<Yaml> = t
        .admins()
        .into_iter()
        .map(|u| {
            let mut a = Vec::new();
            if u.email.is_empty() {
                a.push(("id", string(&u.id)));
            }
            a.push(("name", string(&u.name)));
            a.push(("email", string(&u.email)));
            map(a)
        })
        .collect();
    if !admins.is_empty() {
        fields.push(("admins", Yaml::Array(admins)));
    }
    if let Some(sso) = &t.company.sso {
        let mapping = Yaml::Hash(sso.group_mapping.iter().map(|(k, v)| (string(k), string(v))).collect());
        let mut s = vec![
            ("tenant", string(&sso.tenant)),
            ("group_mapping", mapping),
            ("admin_groups", list(sso.admin_groups.clone())),
        ];
        if let Some(p) = t.providers.iter().flatten().find(|p| p.configuration.id == t.company.id) {
            let c = &p.configuration;
            s.push((
                "provider",
                map([
                    ("display_name", string(&c.display_name)),
                    ("client_id", string(&c.client_id)),
                    ("client_secret", map([("keep", Yaml::Boolean(true))])),
                    ("rotation", Yaml::Integer(p.rotation as i64)),
                    ("authorization_endpoint", string(&c.authorization_endpoint)),
                    ("token_endpoint", string(&c.token_endpoint)),
                    ("revocation_endpoint", string(&c.revocation_endpoint)),
                    ("end_session_endpoint", string(&c.end_session_endpoint)),
                    ("logout_from_provider", Yaml::Boolean(c.logout_from_provider)),
                    ("claim_tenant", string(&c.claim_tenant)),
                    ("claim_name", string(&c.claim_name)),
                    ("group_enabled", Yaml::Boolean(c.group_enabled)),
                    ("claim_groups", string(&c.claim_groups)),
                    (
                        "group_prohibit_user_login_if_not_in_group",
                        Yaml::Boolean(c.group_prohibit_user_login_if_not_in_group),
                    ),
                ]),
            ));
        }
        fields.push(("sso", map(s)));
    }
    map(fields)
}
