//! Login routing across every tenant: which tenant routes which domains and whitelisted emails,
//! where an email lands, which entries more than one tenant claims, and the checks a change must
//! pass before it is sent. The apiserver accepts a domain or email routed by two tenants (the
//! seeds call the result unstable), so the console refuses them here. Building the index and
//! every check is linear in the number of entries.

use crate::names::domain::EmailDomain;
use crate::names::email::EmailAddress;
use crate::names::paste::Pasted;
use crate::names::unicode::lowercase;
use std::collections::HashMap;

/// One tenant's rules, as `login.get_settings` gave them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TenantRules {
    pub id: String,
    pub name: String,
    pub domains: Vec<String>,
    pub whitelist: Vec<ListedEmail>,
}

impl TenantRules {
    pub fn new(id: &str, name: &str, settings: &crate::clearml::wire::LoginSettings) -> Self {
        Self {
            id: id.to_owned(),
            name: name.to_owned(),
            domains: settings.domains.clone(),
            whitelist: settings
                .whitelist_entries
                .iter()
                .map(|w| ListedEmail { email: w.email.clone(), is_admin: w.is_admin })
                .collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedEmail {
    pub email: String,
    /// `None` when the server does not say.
    pub is_admin: Option<bool>,
}

/// Where a sign-in with some email goes, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Landing {
    /// A whitelist entry names the email: it decides, and says whether the user is an admin.
    Whitelist {
        tenant: String,
        is_admin: Option<bool>,
    },
    /// The email's domain is routed to the tenant; the user joins as a non-admin.
    Domain {
        tenant: String,
        domain: String,
    },
    /// More than one tenant claims it: the apiserver's choice is not predictable.
    Ambiguous {
        tenants: Vec<String>,
    },
    Nowhere,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConflictKind {
    Domain,
    Email,
}

/// A domain or email that more than one tenant routes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub value: String,
    /// Indexes into the tenants, in the order the index got them.
    pub tenants: Vec<usize>,
}

/// One call of a conflict's fix, for one of the tenants that lose the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fix {
    /// `login.set_domains` with the tenant's list less the domain (the call replaces the list).
    SetDomains { tenant: usize, domains: Vec<String> },
    /// `login.remove_whitelist_entries` with the tenant's own spellings of the email.
    RemoveEmails { tenant: usize, emails: Vec<String> },
}

impl Fix {
    /// The index of the tenant the call changes (made as that tenant's admin).
    pub fn tenant(&self) -> usize {
        match self {
            Fix::SetDomains { tenant, .. } | Fix::RemoveEmails { tenant, .. } => *tenant,
        }
    }

    /// The call as sent: its endpoint and body, the same for the console and its curl command.
    pub fn call(&self) -> (&'static str, serde_json::Value) {
        match self {
            Fix::SetDomains { domains, .. } => ("login.set_domains", serde_json::json!({ "domains": domains })),
            Fix::RemoveEmails { emails, .. } => {
                ("login.remove_whitelist_entries", serde_json::json!({ "emails": emails }))
            }
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct RoutingIndex {
    tenants: Vec<TenantRules>,
    by_domain: HashMap<String, Vec<usize>>,
    by_email: HashMap<String, Vec<(usize, Option<bool>)>>,
}

/// The key of a domain as a server lists it (which may be in Unicode or not parse at all).
pub fn domain_key(raw: &str) -> String {
    EmailDomain::parse(raw).map(|d| d.key().to_owned()).unwrap_or_else(|_| lowercase(raw.trim()))
}

/// The key of a whitelisted email as a server lists it.
pub fn email_key(raw: &str) -> String {
    EmailAddress::parse(raw).map(|e| e.key()).unwrap_or_else(|_| lowercase(raw.trim()))
}

impl RoutingIndex {
    pub fn new(tenants: Vec<TenantRules>) -> Self {
        let mut by_domain: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_email: HashMap<String, Vec<(usize, Option<bool>)>> = HashMap::new();
        for (i, t) in tenants.iter().enumerate() {
            for d in &t.domains {
                let owners = by_domain.entry(domain_key(d)).or_default();
                if !owners.contains(&i) {
                    owners.push(i);
                }
            }
            for e in &t.whitelist {
                let owners = by_email.entry(email_key(&e.email)).or_default();
                if !owners.iter().any(|(o, _)| *o == i) {
                    owners.push((i, e.is_admin));
                }
            }
        }
        Self { tenants, by_domain, by_email }
    }

    pub fn tenants(&self) -> &[TenantRules] {
        &self.tenants
    }

    fn name(&self, i: usize) -> String {
        self.tenants[i].name.clone()
    }

    /// The tenants other than `tenant_id` that route this domain.
    fn domain_owners_besides(&self, key: &str, tenant_id: &str) -> Vec<usize> {
        self.by_domain.get(key).into_iter().flatten().copied().filter(|&i| self.tenants[i].id != tenant_id).collect()
    }

    fn email_owners_besides(&self, key: &str, tenant_id: &str) -> Vec<usize> {
        self.by_email
            .get(key)
            .into_iter()
            .flatten()
            .map(|(i, _)| *i)
            .filter(|&i| self.tenants[i].id != tenant_id)
            .collect()
    }

    /// The tenants that route this domain (by its key).
    pub fn who_routes(&self, domain_key: &str) -> Vec<&TenantRules> {
        self.by_domain.get(domain_key).into_iter().flatten().map(|&i| &self.tenants[i]).collect()
    }

    /// The tenants whose whitelist has this email (by its key).
    pub fn who_lists(&self, email_key: &str) -> Vec<&TenantRules> {
        self.by_email.get(email_key).into_iter().flatten().map(|(i, _)| &self.tenants[*i]).collect()
    }

    /// Where a sign-in with `email` lands. A whitelist entry wins over a domain.
    pub fn route(&self, email: &EmailAddress) -> Landing {
        if let Some(owners) = self.by_email.get(&email.key()) {
            return match owners.as_slice() {
                [(i, is_admin)] => Landing::Whitelist { tenant: self.name(*i), is_admin: *is_admin },
                many => Landing::Ambiguous { tenants: many.iter().map(|(i, _)| self.name(*i)).collect() },
            };
        }
        match self.by_domain.get(&email.domain_key()).map(Vec::as_slice) {
            None | Some([]) => Landing::Nowhere,
            Some([i]) => Landing::Domain { tenant: self.name(*i), domain: email.domain().to_owned() },
            Some(many) => Landing::Ambiguous { tenants: many.iter().map(|i| self.name(*i)).collect() },
        }
    }

    /// Every domain and email that more than one tenant routes, domains first, each sorted.
    pub fn conflicts(&self) -> Vec<Conflict> {
        let mut out: Vec<Conflict> = self
            .by_domain
            .iter()
            .filter(|(_, owners)| owners.len() > 1)
            .map(|(value, owners)| Conflict {
                kind: ConflictKind::Domain,
                value: value.clone(),
                tenants: owners.clone(),
            })
            .chain(self.by_email.iter().filter(|(_, owners)| owners.len() > 1).map(|(value, owners)| Conflict {
                kind: ConflictKind::Email,
                value: value.clone(),
                tenants: owners.iter().map(|(i, _)| *i).collect(),
            }))
            .collect();
        out.sort_by(|a, b| (a.kind, &a.value).cmp(&(b.kind, &b.value)));
        out
    }

    /// The calls that leave `conflict`'s value with the tenant `keep` only.
    pub fn fix(&self, conflict: &Conflict, keep: usize) -> Vec<Fix> {
        conflict
            .tenants
            .iter()
            .copied()
            .filter(|&t| t != keep)
            .map(|t| {
                let rules = &self.tenants[t];
                match conflict.kind {
                    ConflictKind::Domain => Fix::SetDomains {
                        tenant: t,
                        domains: rules.domains.iter().filter(|d| domain_key(d) != conflict.value).cloned().collect(),
                    },
                    ConflictKind::Email => Fix::RemoveEmails {
                        tenant: t,
                        emails: rules
                            .whitelist
                            .iter()
                            .filter(|w| email_key(&w.email) == conflict.value)
                            .map(|w| w.email.clone())
                            .collect(),
                    },
                }
            })
            .collect()
    }

    /// The domains a tenant is to route (`login.set_domains` replaces its list): each entry
    /// checked on its own, and refused when another tenant routes it.
    pub fn check_domains(&self, tenant_id: &str, text: &str) -> Pasted<EmailDomain> {
        let mut pasted = Pasted::read(text, EmailDomain::parse, |d| d.key().to_owned());
        for entry in &mut pasted.entries {
            if let Ok(d) = &entry.parsed {
                if let Some(&other) = self.domain_owners_besides(d.key(), tenant_id).first() {
                    entry.parsed = Err(format!("{d} is already routed to the tenant \"{}\".", self.name(other)));
                }
            }
        }
        pasted
    }

    /// Emails to add to a tenant's whitelist: each checked on its own, refused when another
    /// tenant's whitelist has it, with a warning when its domain routes to another tenant.
    pub fn check_whitelist(&self, tenant_id: &str, text: &str) -> (Pasted<EmailAddress>, Vec<String>) {
        let mut pasted = Pasted::read(text, EmailAddress::parse, EmailAddress::key);
        let mut warnings = Vec::new();
        for entry in &mut pasted.entries {
            let Ok(e) = &entry.parsed else { continue };
            if let Some(&other) = self.email_owners_besides(&e.key(), tenant_id).first() {
                entry.parsed = Err(format!("{e} is already in the whitelist of the tenant \"{}\".", self.name(other)));
            } else if let Some(&other) = self.domain_owners_besides(&e.domain_key(), tenant_id).first() {
                warnings.push(format!(
                    "{e}: its domain {} routes to the tenant \"{}\"; the whitelist entry sends it here instead.",
                    e.domain(),
                    self.name(other)
                ));
            }
        }
        (pasted, warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant(id: &str, name: &str, domains: &[&str], whitelist: &[(&str, bool)]) -> TenantRules {
        TenantRules {
            id: id.into(),
            name: name.into(),
            domains: domains.iter().map(|d| d.to_string()).collect(),
            whitelist: whitelist
                .iter()
                .map(|(e, a)| ListedEmail { email: e.to_string(), is_admin: Some(*a) })
                .collect(),
        }
    }

    fn index() -> RoutingIndex {
        RoutingIndex::new(vec![
            tenant("a", "Acme", &["acme.io", "bücher.example"], &[("boss@globex.com", true), ("ann@acme.io", false)]),
            tenant("g", "Globex", &["globex.com"], &[("zoe@globex.com", false)]),
        ])
    }

    fn email(s: &str) -> EmailAddress {
        EmailAddress::parse(s).unwrap()
    }

    #[test]
    fn a_whitelist_entry_wins_over_the_domain() {
        let i = index();
        assert_eq!(
            i.route(&email("Boss@Globex.com")),
            Landing::Whitelist { tenant: "Acme".into(), is_admin: Some(true) }
        );
        assert_eq!(
            i.route(&email("kim@globex.com")),
            Landing::Domain { tenant: "Globex".into(), domain: "globex.com".into() }
        );
        assert_eq!(
            i.route(&email("kim@xn--bcher-kva.example")),
            Landing::Domain { tenant: "Acme".into(), domain: "xn--bcher-kva.example".into() }
        );
        assert_eq!(i.route(&email("kim@initech.org")), Landing::Nowhere);
    }

    #[test]
    fn a_domain_routed_by_another_tenant_is_an_error_naming_it() {
        let checked = index().check_domains("g", "globex.com\nACME.io\nxn--bcher-kva.example");
        let errors: Vec<_> = checked.entries.iter().filter_map(|e| e.parsed.clone().err()).collect();
        assert_eq!(
            errors,
            [
                "acme.io is already routed to the tenant \"Acme\".",
                "xn--bcher-kva.example is already routed to the tenant \"Acme\"."
            ]
        );
        assert!(index().check_domains("a", "acme.io").entries[0].parsed.is_ok(), "a tenant may keep its own");
    }

    #[test]
    fn an_email_in_another_whitelist_is_an_error_and_another_domain_a_warning() {
        let (checked, warnings) =
            index().check_whitelist("g", "boss@globex.com, ann@ACME.io, new@acme.io, zoe@globex.com");
        let errors: Vec<_> = checked.entries.iter().filter_map(|e| e.parsed.clone().err()).collect();
        assert_eq!(
            errors,
            [
                "boss@globex.com is already in the whitelist of the tenant \"Acme\".",
                "ann@acme.io is already in the whitelist of the tenant \"Acme\"."
            ]
        );
        assert_eq!(
            warnings,
            ["new@acme.io: its domain acme.io routes to the tenant \"Acme\"; the whitelist entry sends it here instead."]
        );
    }

    #[test]
    fn conflicts_list_every_value_claimed_twice() {
        let i = RoutingIndex::new(vec![
            tenant("a", "Acme", &["shared.io", "acme.io"], &[("x@y.io", false)]),
            tenant("b", "Beta", &["SHARED.io"], &[("X@y.io", true)]),
            tenant("c", "Gamma", &["shared.io"], &[]),
        ]);
        let c = i.conflicts();
        assert_eq!(c.len(), 2);
        assert_eq!(
            (c[0].kind, c[0].value.as_str(), c[0].tenants.clone()),
            (ConflictKind::Domain, "shared.io", vec![0, 1, 2])
        );
        assert_eq!((c[1].kind, c[1].value.as_str(), c[1].tenants.clone()), (ConflictKind::Email, "x@y.io", vec![0, 1]));
        assert_eq!(i.route(&email("x@y.io")), Landing::Ambiguous { tenants: vec!["Acme".into(), "Beta".into()] });
    }

    #[test]
    fn a_fix_keeps_the_value_with_one_tenant_and_takes_it_from_the_others() {
        let i = RoutingIndex::new(vec![
            tenant("a", "Acme", &["shared.io", "acme.io"], &[("x@y.io", false)]),
            tenant("b", "Beta", &["SHARED.io", "beta.io"], &[("X@y.io", true)]),
            tenant("c", "Gamma", &["shared.io"], &[]),
        ]);
        let c = i.conflicts();
        assert_eq!(
            i.fix(&c[0], 1),
            [
                Fix::SetDomains { tenant: 0, domains: vec!["acme.io".into()] },
                Fix::SetDomains { tenant: 2, domains: vec![] }
            ]
        );
        assert_eq!(i.fix(&c[1], 0), [Fix::RemoveEmails { tenant: 1, emails: vec!["X@y.io".into()] }]);
        let email_fix = &i.fix(&c[1], 0)[0];
        assert_eq!(email_fix.call(), ("login.remove_whitelist_entries", serde_json::json!({"emails": ["X@y.io"]})));
        assert_eq!(i.fix(&c[0], 1)[1].call(), ("login.set_domains", serde_json::json!({"domains": []})));
        assert_eq!(email_fix.tenant(), 1);
    }
}
