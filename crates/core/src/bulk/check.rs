//! The whole file checked at once: each record by the rules the single-tenant pages use, the
//! records against each other, and against the tenants that exist. A record whose tenant exists
//! is planned with only what differs, so importing the same file twice plans nothing the second
//! time. One pass over the records with hash lookups: linear in records plus existing entries.

use super::file::{Field, Origin, Record, Unreadable};
use super::plan::{CallKind, PlannedCall, RecordPlan, Target, TENANT_ID};
use crate::clearml::onboarding::validate_admin;
use crate::clearml::tenant::{name_key, TakenNames};
use crate::clearml::tenant_form::{validate_new_tenant, warnings, TenantField, TenantForm};
use crate::clearml::wire::{Company, CompanySettings, User};
use crate::login_routing::{domain_key, email_key, RoutingIndex};
use crate::names::look_alike::{looks_like_message, Shapes};
use crate::names::readable_name::quoted;
use crate::{EmailAddress, EmailDomain};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

pub const NEEDS_ADMIN: &str = "A new tenant's login routing is set as its admin: give this record an admin (admin_name and admin_email), or leave domains and whitelists out.";
pub const CREDENTIALS_YES_NO: &str = "Write yes or no (empty means yes).";
pub const CREDENTIALS_WITHOUT_ADMIN: &str = "Credentials are issued to the admin: this record names no admin.";
pub const IN_BOTH_WHITELISTS: &str = "is in both whitelist and whitelist_admins: keep it in one of them.";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The record it is about (its index in the file), or none for the file's shape.
    pub record: Option<usize>,
    /// Where it is, as the file's format points: `line 4, domains` or `tenants[3].admin.email`.
    pub place: String,
    pub field: Option<Field>,
    pub message: String,
    /// Errors block the run; warnings are shown and the run may go ahead.
    pub blocks: bool,
}

impl From<Unreadable> for Problem {
    fn from(u: Unreadable) -> Self {
        Problem { record: None, place: u.place, field: None, message: u.message, blocks: true }
    }
}

/// A tenant that exists, with what the console could read of it.
#[derive(Clone, Debug, PartialEq)]
pub struct ExistingTenant {
    pub company: Company,
    /// Its users, when they were listed (only for tenants the file names).
    pub users: Option<Vec<User>>,
}

/// The tenants that exist, keyed by name as the server compares names.
pub struct Existing<'a> {
    tenants: HashMap<String, ExistingTenant>,
    /// What their names read as: a new tenant may not read like one of them.
    shapes: Shapes,
    routing: &'a RoutingIndex,
    by_id: HashMap<&'a str, usize>,
}

impl<'a> Existing<'a> {
    pub fn new(tenants: Vec<ExistingTenant>, routing: &'a RoutingIndex) -> Self {
        let by_id = routing.tenants().iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect();
        let shapes = Shapes::new(tenants.iter().map(|t| t.company.name.as_str()));
        let tenants = tenants.into_iter().map(|t| (name_key(&t.company.name), t)).collect();
        Self { tenants, shapes, routing, by_id }
    }

    fn named(&self, key: &str) -> Option<&ExistingTenant> {
        self.tenants.get(key)
    }

    fn rules(&self, id: &str) -> Option<&crate::login_routing::TenantRules> {
        self.by_id.get(id).map(|&i| &self.routing.tenants()[i])
    }
}

/// The names of the tenants the file names (by the server's comparison), whose users the page
/// lists before checking: only those can be "exists".
pub fn names_in(records: &[(Origin, Record)]) -> HashSet<String> {
    records.iter().map(|(_, r)| name_key(&r.name)).collect()
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checked {
    pub problems: Vec<Problem>,
    /// One per record, in file order; empty when the file could not be read.
    pub plans: Vec<RecordPlan>,
}

impl Checked {
    pub fn unreadable(problems: Vec<Unreadable>) -> Self {
        Self { problems: problems.into_iter().map(Problem::from).collect(), plans: Vec::new() }
    }

    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.blocks).count()
    }

    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }

    pub fn can_run(&self) -> bool {
        self.errors() == 0 && self.plans.iter().any(|p| !p.calls.is_empty())
    }
}

/// Who claimed a value first in the file: for "also on line 3 (Acme)".
struct Claims {
    by_key: HashMap<String, (Origin, String)>,
}

impl Claims {
    fn new() -> Self {
        Self { by_key: HashMap::new() }
    }

    /// The earlier record that claimed `key`, or none (and the claim is now this record's).
    fn claim(&mut self, key: String, origin: Origin, tenant: &str) -> Option<String> {
        match self.by_key.get(&key) {
            Some((o, t)) if *o != origin => Some(format!("{o} (\u{201c}{}\u{201d})", quoted(t))),
            Some(_) => None,
            None => {
                self.by_key.insert(key, (origin, tenant.to_owned()));
                None
            }
        }
    }
}

/// What the records so far claimed, and which tenant of the file routes each domain (for the
/// warning on a whitelisted email whose domain goes elsewhere).
struct FileClaims {
    names: Claims,
    /// The file's new tenants' names, for one that reads like another.
    shapes: Shapes,
    domains: Claims,
    emails: Claims,
    routed: HashMap<String, String>,
}

/// The record being checked, where it is, and the existing tenant it is (if any).
#[derive(Clone, Copy)]
struct Checking<'c, 'e> {
    record: &'c Record,
    origin: Origin,
    own_id: &'c str,
    existing: &'c Existing<'e>,
}

struct Noter<'p> {
    problems: &'p mut Vec<Problem>,
    record: usize,
    origin: Origin,
    /// This record's errors so far.
    errors: usize,
}

impl Noter<'_> {
    fn error(&mut self, field: Field, message: impl Into<String>) {
        self.push(field, message.into(), true);
    }

    fn warn(&mut self, field: Field, message: impl Into<String>) {
        self.push(field, message.into(), false);
    }

    fn push(&mut self, field: Field, message: String, blocks: bool) {
        self.errors += usize::from(blocks);
        self.problems.push(Problem {
            record: Some(self.record),
            place: self.origin.field(field),
            field: Some(field),
            message,
            blocks,
        });
    }
}

fn tenant_field(field: TenantField) -> Field {
    match field {
        TenantField::Name => Field::Name,
        TenantField::AllowedUsers => Field::AllowedUsers,
        TenantField::Features => Field::Features,
        TenantField::ExcludeFeatures => Field::ExcludeFeatures,
    }
}

fn yes_no(raw: &str) -> Option<bool> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "" | "yes" | "y" | "true" | "1" => Some(true),
        "no" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// Checks every record and plans each one that passes.
pub fn check(records: &[(Origin, Record)], existing: &Existing) -> Checked {
    let mut problems = Vec::new();
    let mut plans = Vec::with_capacity(records.len());
    let mut file = FileClaims {
        names: Claims::new(),
        shapes: Shapes::default(),
        domains: Claims::new(),
        emails: Claims::new(),
        routed: HashMap::new(),
    };
    for (_, r) in records {
        for d in r.domains.iter().filter_map(|d| EmailDomain::parse(d).ok()) {
            file.routed.entry(d.key().to_owned()).or_insert_with(|| r.name.trim().to_owned());
        }
    }
    for (index, (origin, record)) in records.iter().enumerate() {
        let mut note = Noter { problems: &mut problems, record: index, origin: *origin, errors: 0 };
        if let Some(plan) = check_record(*origin, record, existing, &mut note, &mut file) {
            plans.push(plan);
        }
    }
    if problems.iter().any(|p| p.blocks) {
        plans.clear();
    }
    Checked { problems, plans }
}

#[allow(clippy::too_many_arguments)]
fn check_record(
    origin: Origin,
    record: &Record,
    existing: &Existing,
    note: &mut Noter,
    file: &mut FileClaims,
) -> Option<RecordPlan> {
    let form = TenantForm {
        name: record.name.clone(),
        allowed_users: record.allowed_users.clone(),
        features: record.features.clone(),
        exclude_features: record.exclude_features.clone(),
    };
    let tenant = validate_new_tenant(&form, &TakenNames::default());
    if let Err(errors) = &tenant {
        for field in [TenantField::Name, TenantField::AllowedUsers, TenantField::Features, TenantField::ExcludeFeatures]
        {
            if let Some(e) = errors.get(field) {
                note.error(tenant_field(field), e);
            }
        }
    }
    for w in warnings(&form) {
        note.warn(Field::Features, w);
    }
    let name = record.name.trim();
    let key = name_key(name);
    if !name.is_empty() {
        if let Some(first) = file.names.claim(key.clone(), origin, name) {
            note.error(
                Field::Name,
                format!("The tenant \u{201c}{}\u{201d} is also on {first}: each tenant has one record.", quoted(name)),
            );
        }
    }
    let found = existing.named(&key);
    if found.is_none() && !name.is_empty() {
        match existing.shapes.looks_like(name).or_else(|| file.shapes.looks_like(name)) {
            Some(like) => note.error(Field::Name, looks_like_message(name, like)),
            None => file.shapes.add(name),
        }
    }
    let own_id = found.map(|t| t.company.id.as_str()).unwrap_or("");

    let at = Checking { record, origin, own_id, existing };
    let domains = check_domains(&at, note, &mut file.domains);
    let (whitelist, whitelist_admins) = check_whitelists(&at, note, &mut file.emails, &file.routed);

    let wants_admin = !record.admin_name.trim().is_empty() || !record.admin_email.trim().is_empty();
    let admin = if wants_admin {
        match validate_admin(&record.admin_name, &record.admin_email) {
            Ok(a) => Some(a),
            Err(e) => {
                if let Some(m) = e.name {
                    note.error(Field::AdminName, m);
                }
                if let Some(m) = e.email {
                    note.error(Field::AdminEmail, m);
                }
                None
            }
        }
    } else {
        None
    };
    let credentials = match yes_no(&record.admin_credentials) {
        Some(c) => c && wants_admin,
        None => {
            note.error(Field::AdminCredentials, CREDENTIALS_YES_NO);
            false
        }
    };
    if !wants_admin && !record.admin_credentials.trim().is_empty() && credentials_asked(&record.admin_credentials) {
        note.error(Field::AdminCredentials, CREDENTIALS_WITHOUT_ADMIN);
    }
    let touches_routing = !domains.is_empty() || !whitelist.is_empty() || !whitelist_admins.is_empty();
    if found.is_none() && !wants_admin && touches_routing {
        note.error(Field::AdminEmail, NEEDS_ADMIN);
    }
    if note.errors > 0 {
        return None;
    }
    let tenant = tenant.ok()?;
    let mut calls = Vec::new();
    let mut notes = Vec::new();
    let admin_email = admin.as_ref().map(|a| a.email.as_str().to_owned());
    let mut act_as = None;
    let target = match found {
        None => {
            calls.push(PlannedCall::new(CallKind::CreateTenant, serde_json::to_value(&tenant).unwrap_or_default()));
            if let Some(a) = &admin {
                calls.push(PlannedCall::create_admin(&a.name, a.email.as_str(), TENANT_ID));
                if credentials {
                    calls.push(PlannedCall::issue_credentials());
                }
            }
            Target::New
        }
        Some(t) => {
            if let Some(update) =
                settings_change(record, &t.company.id, &tenant.defaults, t.company.defaults.as_ref(), &mut notes)
            {
                calls.push(PlannedCall::new(CallKind::UpdateSettings, update));
            }
            let users = t.users.as_deref();
            let listed_admin = admin.as_ref().and_then(|a| {
                users?.iter().find(|u| EmailAddress::parse(&u.email).is_ok_and(|e| e.key() == a.email.key()))
            });
            match (&admin, listed_admin) {
                (Some(a), Some(user)) => {
                    notes.push(format!("Its admin {} exists.", a.email));
                    act_as = Some(user.id.clone());
                }
                (Some(a), None) => {
                    let mut c = PlannedCall::create_admin(&a.name, a.email.as_str(), &t.company.id);
                    c.look_first = users.is_none();
                    calls.push(c);
                    if credentials {
                        calls.push(PlannedCall::issue_credentials());
                    }
                }
                (None, _) => {
                    act_as = users
                        .and_then(|u| u.iter().find(|u| u.role().is_tenant_admin()).or(u.first()))
                        .map(|u| u.id.clone())
                }
            }
            let rules = existing.rules(&t.company.id);
            let have_domains: HashSet<String> =
                rules.map(|r| r.domains.iter().map(|d| domain_key(d)).collect()).unwrap_or_default();
            let missing: Vec<&EmailDomain> = domains.iter().filter(|d| !have_domains.contains(d.key())).collect();
            if !missing.is_empty() {
                let mut all: Vec<String> = rules.map(|r| r.domains.clone()).unwrap_or_default();
                all.extend(missing.iter().map(|d| d.as_str().to_owned()));
                calls.push(PlannedCall::new(CallKind::SetDomains, json!({ "domains": all })));
            } else if !domains.is_empty() {
                notes.push("Its domains are routed already.".into());
            }
            let listed: HashMap<String, Option<bool>> = rules
                .map(|r| r.whitelist.iter().map(|w| (email_key(&w.email), w.is_admin)).collect())
                .unwrap_or_default();
            for (kind, list, is_admin) in
                [(CallKind::AddWhitelist, &whitelist, false), (CallKind::AddWhitelistAdmins, &whitelist_admins, true)]
            {
                let missing: Vec<&str> = list
                    .iter()
                    .filter(|e| listed.get(&e.key()).is_none_or(|a| a.is_some_and(|a| a != is_admin)))
                    .map(|e| e.as_str())
                    .collect();
                if !missing.is_empty() {
                    calls.push(PlannedCall::new(kind, json!({ "emails": missing, "is_admin": is_admin })));
                }
            }
            let routing_calls = calls.iter().any(|c| c.caller() == super::plan::Caller::ActingAsAdmin);
            if routing_calls && act_as.is_none() && !calls.iter().any(|c| c.kind == CallKind::CreateAdmin) {
                note.error(Field::AdminEmail, format!("The tenant \u{201c}{}\u{201d} exists and the console found no user of it to act as for its login routing: name its admin in this record.", quoted(&t.company.name)));
                return None;
            }
            if calls.is_empty() {
                notes.push("Nothing differs: no call.".into());
            }
            Target::Exists { id: t.company.id.clone() }
        }
    };
    if !whitelist.is_empty() || !whitelist_admins.is_empty() || !domains.is_empty() {
        if let Target::New = target {
            calls.extend(new_routing_calls(&domains, &whitelist, &whitelist_admins));
        }
    }
    Some(RecordPlan { origin, tenant: tenant.name.as_str().to_owned(), target, admin_email, act_as, calls, notes })
}

fn credentials_asked(raw: &str) -> bool {
    yes_no(raw) == Some(true)
}

fn new_routing_calls(domains: &[EmailDomain], whitelist: &[EmailAddress], admins: &[EmailAddress]) -> Vec<PlannedCall> {
    let mut calls = Vec::new();
    if !domains.is_empty() {
        calls.push(PlannedCall::new(CallKind::SetDomains, json!({ "domains": domains })));
    }
    if !whitelist.is_empty() {
        calls.push(PlannedCall::new(CallKind::AddWhitelist, json!({ "emails": whitelist, "is_admin": false })));
    }
    if !admins.is_empty() {
        calls.push(PlannedCall::new(CallKind::AddWhitelistAdmins, json!({ "emails": admins, "is_admin": true })));
    }
    calls
}

fn check_domains(at: &Checking, note: &mut Noter, claims: &mut Claims) -> Vec<EmailDomain> {
    let Checking { record, origin, own_id, existing } = *at;
    let mut out: Vec<EmailDomain> = Vec::new();
    for raw in &record.domains {
        let d = match EmailDomain::parse(raw) {
            Ok(d) => d,
            Err(e) => {
                note.error(Field::Domains, e);
                continue;
            }
        };
        if out.iter().any(|o| o.key() == d.key()) {
            note.warn(Field::Domains, format!("{d} is listed twice; it is sent once."));
            continue;
        }
        if let Some(first) = claims.claim(d.key().to_owned(), origin, record.name.trim()) {
            note.error(Field::Domains, format!("{d} is also claimed on {first}: a domain routes to one tenant."));
        } else if let Some(other) = existing.routing.who_routes(d.key()).into_iter().find(|t| t.id != own_id) {
            note.error(
                Field::Domains,
                format!("{d} is already routed to the tenant \u{201c}{}\u{201d}.", quoted(&other.name)),
            );
        }
        out.push(d);
    }
    out
}

fn check_whitelists(
    at: &Checking,
    note: &mut Noter,
    claims: &mut Claims,
    file_domains: &HashMap<String, String>,
) -> (Vec<EmailAddress>, Vec<EmailAddress>) {
    let Checking { record, origin, own_id, existing } = *at;
    let mut lists: [Vec<EmailAddress>; 2] = [Vec::new(), Vec::new()];
    let own_domains: HashSet<String> = record.domains.iter().map(|d| domain_key(d)).collect();
    for (slot, field, raws) in
        [(0, Field::Whitelist, &record.whitelist), (1, Field::WhitelistAdmins, &record.whitelist_admins)]
    {
        for raw in raws {
            let e = match EmailAddress::parse(raw) {
                Ok(e) => e,
                Err(m) => {
                    note.error(field, m);
                    continue;
                }
            };
            if lists[slot].iter().any(|o| o.key() == e.key()) {
                note.warn(field, format!("{e} is listed twice; it is sent once."));
                continue;
            }
            if slot == 1 && lists[0].iter().any(|o| o.key() == e.key()) {
                note.error(field, format!("{e} {IN_BOTH_WHITELISTS}"));
                continue;
            }
            if let Some(first) = claims.claim(e.key(), origin, record.name.trim()) {
                note.error(field, format!("{e} is also whitelisted on {first}: an email signs in to one tenant."));
            } else if let Some(other) = existing.routing.who_lists(&e.key()).into_iter().find(|t| t.id != own_id) {
                note.error(
                    field,
                    format!("{e} is already in the whitelist of the tenant \u{201c}{}\u{201d}.", quoted(&other.name)),
                );
            } else if !own_domains.contains(&e.domain_key()) {
                let elsewhere = file_domains
                    .get(&e.domain_key())
                    .filter(|t| name_key(t) != name_key(&record.name))
                    .cloned()
                    .or_else(|| {
                        existing
                            .routing
                            .who_routes(&e.domain_key())
                            .into_iter()
                            .find(|t| t.id != own_id)
                            .map(|t| t.name.clone())
                    });
                if let Some(t) = elsewhere {
                    note.warn(field, format!("{e}: its domain {} routes to the tenant \u{201c}{}\u{201d}; the whitelist entry sends it here instead.", e.domain(), quoted(&t)));
                }
            }
            lists[slot].push(e);
        }
    }
    let [whitelist, admins] = lists;
    (whitelist, admins)
}

/// The settings call for an existing tenant, when what the file gives differs from what it has.
/// A field the file leaves empty keeps the tenant's value.
fn settings_change(
    record: &Record,
    company: &str,
    file: &crate::clearml::wire::TenantDefaults,
    have: Option<&CompanySettings>,
    notes: &mut Vec<String>,
) -> Option<Value> {
    let gives_users = !record.allowed_users.trim().is_empty();
    let gives_features = !record.features.is_empty();
    let gives_excluded = !record.exclude_features.is_empty();
    if !(gives_users || gives_features || gives_excluded) {
        return None;
    }
    let names = |v: &[crate::FeatureName]| -> Vec<String> { v.iter().map(|f| f.to_string()).collect() };
    let (file_features, file_excluded) = (names(&file.features), names(&file.exclude_features));
    let file_users = file.allowed_users.map(|u| u.get().to_string());
    let Some(have) = have else {
        notes.push("The server does not report this tenant's settings: they are sent as the file gives them.".into());
        return Some(settings_body(company, file_features, file_excluded, file_users));
    };
    let same_set = |a: &[String], b: &[String]| a.iter().collect::<HashSet<_>>() == b.iter().collect::<HashSet<_>>();
    let differs = (gives_users && have.allowed_users != file_users)
        || (gives_features && !same_set(&have.features, &file_features))
        || (gives_excluded && !same_set(&have.exclude_features, &file_excluded));
    if !differs {
        return None;
    }
    let features = if gives_features { file_features } else { have.features.clone() };
    let excluded = if gives_excluded { file_excluded } else { have.exclude_features.clone() };
    let users = if gives_users { file_users } else { have.allowed_users.clone() };
    Some(settings_body(company, features, excluded, users))
}

/// `system.update_company_settings` replaces both lists, so both are always sent.
fn settings_body(company: &str, features: Vec<String>, excluded: Vec<String>, allowed_users: Option<String>) -> Value {
    let mut body = json!({ "company": company, "features": features, "exclude_features": excluded });
    if let Some(u) = allowed_users {
        body["allowed_users"] = Value::String(u);
    }
    body
}
