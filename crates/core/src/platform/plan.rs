//! The plan: the file against the live state, tenant by tenant and field by field. Only fields
//! the file has are managed; lists compare as sets by the server's keys (domains in ASCII form,
//! emails case-folded); removals are planned apart and sent only when allowed. Every rule the
//! single-tenant pages check is checked here, with the file path of the value. The calls are bulk
//! import's [`RecordPlan`], so one executor runs the wizard, the import and an apply.

use super::live::{LiveState, LiveTenant};
use super::spec::{AdminSpec, PlatformFile, ProviderSpec, SecretRef, Secrets, TenantSpec};
use super::Problem;
use crate::bulk::file::Origin;
use crate::bulk::plan::{CallKind, PlannedCall, RecordPlan, Target, TENANT_ID};
use crate::clearml::onboarding::validate_admin;
use crate::clearml::tenant::name_key;
use crate::clearml::tenant_form::{warnings, TenantForm};
use crate::login_routing::{domain_key, email_key};
use crate::names::look_alike::{looks_like_message, Shapes};
use crate::names::readable_name::quoted;
use crate::sso::oidc::SsoUrl;
use crate::sso::tenant_sso::ProviderConfiguration;
use crate::{AllowedUsers, EmailAddress, EmailDomain, FeatureName, TenantName, UserId};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

pub const NEEDS_ADMIN: &str = "A new tenant's login routing is set as its admin: give it an admin under admins, or leave domains and whitelists out.";
pub const NO_ONE_TO_ACT_AS: &str = "The console found no admin of this tenant to act as for its login routing: name its admin under admins (with its id on a server that cannot list the tenant's users).";
pub const SECRET_NEEDED: &str =
    "The identity provider does not exist yet: give its client_secret as {env: NAME} or {file: PATH}.";
pub const ROTATION_NEEDS_SECRET: &str =
    "The rotation went up, so the secret is sent again: give it as {env: NAME} or {file: PATH}, not {keep: true}.";
pub const EXTERNAL_ID_REQUIRED: &str = "Enter the tenant's external id at the identity provider (sso.tenant).";
pub const REMOVALS_WITHHELD: &str = "withheld: removals are applied only when allowed";

/// What one field of one tenant will become.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ChangeKind {
    /// The tenant, an admin or an identity provider that does not exist yet.
    Create {
        value: String,
    },
    /// A value that differs: as it is on the server, as the file wants it.
    Update {
        before: String,
        after: String,
    },
    Add {
        value: String,
    },
    Remove {
        value: String,
    },
    /// The server cannot show whether it exists: the apply looks before it creates.
    LookFirst {
        value: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The field under the tenant, as the file names it: `domains`, `admins[0]`, `sso.provider`.
    pub field: String,
    #[serde(flatten)]
    pub kind: ChangeKind,
    /// A removal that is shown but not sent, since removals were not allowed.
    pub withheld: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TenantPlan {
    pub path: String,
    pub name: String,
    pub exists: bool,
    pub changes: Vec<Change>,
    pub record: RecordPlan,
}

impl TenantPlan {
    pub fn in_sync(&self) -> bool {
        self.changes.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlatformPlan {
    /// The live state it was made against (see `LiveState::fingerprint`).
    pub fingerprint: String,
    pub allow_removals: bool,
    pub tenants: Vec<TenantPlan>,
    /// Tenants on the server that the file does not name: listed, never changed.
    pub not_in_file: Vec<String>,
    pub problems: Vec<Problem>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub create: usize,
    pub change: usize,
    pub in_sync: usize,
    pub withheld: usize,
    pub look_first: usize,
    pub calls: usize,
}

impl PlatformPlan {
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.blocks).count()
    }

    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for t in &self.tenants {
            match (t.in_sync(), t.exists) {
                (true, _) => s.in_sync += 1,
                (false, false) => s.create += 1,
                (false, true) => s.change += 1,
            }
            s.withheld += t.changes.iter().filter(|c| c.withheld).count();
            s.look_first += t.record.calls.iter().filter(|c| c.look_first).count();
            s.calls += t.record.calls.len();
        }
        s
    }

    /// Anything differs between the file and the server, sent or withheld: the drift a pipeline
    /// is told of.
    pub fn has_changes(&self) -> bool {
        self.tenants.iter().any(|t| !t.in_sync())
    }

    pub fn records(&self) -> Vec<RecordPlan> {
        self.tenants.iter().map(|t| t.record.clone()).collect()
    }
}

/// Who holds a value on the server or claimed it earlier in the file.
struct Owners {
    live_domains: HashMap<String, usize>,
    live_emails: HashMap<String, usize>,
    live_external: HashMap<String, usize>,
    file_domains: HashMap<String, usize>,
    file_emails: HashMap<String, usize>,
    file_external: HashMap<String, usize>,
    /// For each live tenant, its entry in the file.
    in_file: HashMap<usize, usize>,
    /// Each value's key, worked out once (IDNA and case folding are the plan's costliest work).
    domain_keys: HashMap<String, String>,
    email_keys: HashMap<String, String>,
}

impl Owners {
    fn domain_key(&self, raw: &str) -> String {
        self.domain_keys.get(raw).cloned().unwrap_or_else(|| domain_key(raw))
    }

    fn email_key(&self, raw: &str) -> String {
        self.email_keys.get(raw).cloned().unwrap_or_else(|| email_key(raw))
    }
}

pub fn plan(file: &PlatformFile, live: &LiveState, allow_removals: bool, secrets: &dyn Secrets) -> PlatformPlan {
    let by_name = live.by_name();
    let mut problems = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut matched: Vec<Option<usize>> = Vec::with_capacity(file.tenants.len());
    // A new tenant may not read like one that exists, nor like another new one in the file.
    let mut shapes = Shapes::new(live.tenants.iter().map(|t| t.company.name.as_str()));
    for (i, t) in file.tenants.iter().enumerate() {
        let key = name_key(&t.name);
        if !by_name.contains_key(&key) && !t.name.trim().is_empty() {
            match shapes.looks_like(t.name.trim()) {
                Some(like) => {
                    problems.push(Problem::error(format!("tenants[{i}].name"), looks_like_message(t.name.trim(), like)))
                }
                None => shapes.add(t.name.trim()),
            }
        }
        if let Some(first) = seen.get(&key) {
            problems.push(Problem::error(
                format!("tenants[{i}].name"),
                format!(
                    "The tenant \u{201c}{}\u{201d} is also tenants[{first}]: each tenant has one entry.",
                    quoted(t.name.trim())
                ),
            ));
        } else {
            seen.insert(key.clone(), i);
        }
        matched.push(by_name.get(&key).copied());
    }
    let owners = owners(file, live, &matched);
    let mut tenants = Vec::with_capacity(file.tenants.len());
    for (i, spec) in file.tenants.iter().enumerate() {
        let mut p = Planner {
            at: format!("tenants[{i}]"),
            index: i,
            file,
            spec,
            live: matched[i].map(|l| &live.tenants[l]),
            live_index: matched[i],
            state: live,
            owners: &owners,
            allow_removals,
            secrets,
            problems: &mut problems,
            changes: Vec::new(),
            calls: Vec::new(),
        };
        if let Some(plan) = p.tenant() {
            tenants.push(plan);
        }
    }
    let named: HashSet<usize> = matched.iter().flatten().copied().collect();
    let not_in_file = live
        .tenants
        .iter()
        .enumerate()
        .filter(|(i, _)| !named.contains(i))
        .map(|(_, t)| t.company.name.clone())
        .collect();
    if problems.iter().any(|p| p.blocks) {
        tenants.clear();
    }
    PlatformPlan { fingerprint: live.fingerprint(), allow_removals, tenants, not_in_file, problems }
}

fn owners(file: &PlatformFile, live: &LiveState, matched: &[Option<usize>]) -> Owners {
    let mut o = Owners {
        live_domains: HashMap::new(),
        live_emails: HashMap::new(),
        live_external: HashMap::new(),
        file_domains: HashMap::new(),
        file_emails: HashMap::new(),
        file_external: HashMap::new(),
        in_file: matched.iter().enumerate().filter_map(|(f, l)| Some(((*l)?, f))).collect(),
        domain_keys: HashMap::new(),
        email_keys: HashMap::new(),
    };
    let domain = |o: &mut Owners, raw: &str| {
        let key = domain_key(raw);
        o.domain_keys.insert(raw.to_owned(), key.clone());
        key
    };
    let email = |o: &mut Owners, raw: &str| {
        let key = email_key(raw);
        o.email_keys.insert(raw.to_owned(), key.clone());
        key
    };
    for (i, t) in live.tenants.iter().enumerate() {
        if let Some(r) = &t.routing {
            for d in &r.domains {
                let key = domain(&mut o, d);
                o.live_domains.entry(key).or_insert(i);
            }
            for w in &r.whitelist_entries {
                let key = email(&mut o, &w.email);
                o.live_emails.entry(key).or_insert(i);
            }
        }
        if let Some(sso) = &t.company.sso {
            o.live_external.entry(sso.tenant.trim().to_owned()).or_insert(i);
        }
    }
    for (i, t) in file.tenants.iter().enumerate() {
        for d in t.domains.iter().flatten() {
            let key = domain(&mut o, d);
            o.file_domains.entry(key).or_insert(i);
        }
        for e in t.whitelist.iter().chain(&t.whitelist_admins).flatten() {
            let key = email(&mut o, e);
            o.file_emails.entry(key).or_insert(i);
        }
        if let Some(sso) = &t.sso {
            o.file_external.entry(sso.tenant.trim().to_owned()).or_insert(i);
        }
    }
    o
}

struct Holder {
    name: String,
    moved_away: bool,
}

impl Holder {
    /// "… is already routed to the tenant “X”." and its like, for `what` ("routed to").
    fn message(&self, value: &str, what: &str) -> String {
        if self.moved_away {
            format!("{value} is {what} the tenant \u{201c}{}\u{201d}: the file moves it here, which removes it there, and removals are not allowed.", self.name)
        } else {
            format!("{value} is already {what} the tenant \u{201c}{}\u{201d}.", self.name)
        }
    }
}

struct Planner<'a> {
    at: String,
    index: usize,
    file: &'a PlatformFile,
    spec: &'a TenantSpec,
    live: Option<&'a LiveTenant>,
    live_index: Option<usize>,
    state: &'a LiveState,
    owners: &'a Owners,
    allow_removals: bool,
    secrets: &'a dyn Secrets,
    problems: &'a mut Vec<Problem>,
    changes: Vec<Change>,
    calls: Vec<PlannedCall>,
}

fn joined(values: &[String]) -> String {
    values.join(", ")
}

impl Planner<'_> {
    fn error(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(Problem::error(format!("{}.{field}", self.at), message));
    }

    fn warn(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(Problem::warning(format!("{}.{field}", self.at), message));
    }

    fn change(&mut self, field: &str, kind: ChangeKind) {
        let withheld = matches!(kind, ChangeKind::Remove { .. }) && !self.allow_removals;
        self.changes.push(Change { field: field.to_owned(), kind, withheld });
    }

    fn errors_so_far(&self) -> usize {
        self.problems.iter().filter(|p| p.blocks).count()
    }

    fn company(&self) -> String {
        self.live.map_or(TENANT_ID.to_owned(), |l| l.company.id.clone())
    }

    /// The other tenant that holds a value on the server, and whether the file moves the value
    /// away from it (which removes it there); `None` when no other tenant holds it, or the file
    /// moves it with removals allowed.
    fn held_elsewhere(&self, live_owner: Option<usize>, still_there: impl Fn(&TenantSpec) -> bool) -> Option<Holder> {
        let owner = live_owner.filter(|o| Some(*o) != self.live_index)?;
        let name = quoted(&self.state.tenants[owner].company.name);
        match self.owners.in_file.get(&owner).map(|f| still_there(self.spec_of(*f))) {
            Some(false) if self.allow_removals => None,
            Some(false) => Some(Holder { name, moved_away: true }),
            _ => Some(Holder { name, moved_away: false }),
        }
    }

    fn spec_of(&self, file_index: usize) -> &TenantSpec {
        &self.file.tenants[file_index]
    }

    fn tenant(&mut self) -> Option<TenantPlan> {
        let before = self.errors_so_far();
        let name = match TenantName::parse(&self.spec.name) {
            Ok(n) => Some(n),
            Err(e) => {
                self.error("name", e);
                None
            }
        };
        self.settings();
        let admins = self.admins();
        self.routing(admins);
        self.sso();
        if self.errors_so_far() > before {
            return None;
        }
        let name = name?;
        let exists = self.live.is_some();
        let target = match self.live {
            Some(l) => Target::Exists { id: l.company.id.clone() },
            None => Target::New,
        };
        let record = RecordPlan {
            origin: Origin::Item(self.index),
            tenant: name.as_str().to_owned(),
            target,
            admin_email: None,
            act_as: self.live.and_then(|l| l.admin.clone()),
            calls: std::mem::take(&mut self.calls),
            notes: Vec::new(),
        };
        Some(TenantPlan {
            path: self.at.clone(),
            name: name.as_str().to_owned(),
            exists,
            changes: std::mem::take(&mut self.changes),
            record,
        })
    }
}

/// A set compared by key: what the file adds, what it drops, and the list to send (the file's,
/// plus what it drops while removals are withheld).
struct SetChange {
    add: Vec<String>,
    remove: Vec<String>,
    after: Vec<String>,
}

fn set_change(live: &[String], file: &[String], key: impl Fn(&str) -> String, allow_removals: bool) -> SetChange {
    // Each value's key once: keys are Unicode work (IDNA, case folding), the rest is set lookups.
    let keyed = |values: &[String]| -> Vec<String> { values.iter().map(|v| key(v)).collect() };
    let (live_keyed, file_keyed) = (keyed(live), keyed(file));
    let live_keys: HashSet<&String> = live_keyed.iter().collect();
    let file_keys: HashSet<&String> = file_keyed.iter().collect();
    let add: Vec<String> =
        file.iter().zip(&file_keyed).filter(|(_, k)| !live_keys.contains(k)).map(|(v, _)| v.clone()).collect();
    let remove: Vec<String> =
        live.iter().zip(&live_keyed).filter(|(_, k)| !file_keys.contains(k)).map(|(v, _)| v.clone()).collect();
    let mut after = file.to_vec();
    if !allow_removals {
        after.extend(remove.iter().cloned());
    }
    SetChange { add, remove, after }
}

impl SetChange {
    fn differs(&self, allow_removals: bool) -> bool {
        !self.add.is_empty() || (allow_removals && !self.remove.is_empty())
    }
}

impl Planner<'_> {
    fn record_set(&mut self, field: &str, set: &SetChange) {
        for v in &set.add {
            self.change(field, ChangeKind::Add { value: v.clone() });
        }
        for v in &set.remove {
            self.change(field, ChangeKind::Remove { value: v.clone() });
        }
    }

    fn features(&mut self, field: &str, raw: Option<&[String]>) -> Option<Vec<FeatureName>> {
        let raw = raw?;
        let mut out: Vec<FeatureName> = Vec::new();
        for (j, f) in raw.iter().enumerate() {
            match FeatureName::parse(f) {
                Ok(f) if out.contains(&f) => self.warn(&format!("{field}[{j}]"), format!("\"{f}\" is listed twice.")),
                Ok(f) => out.push(f),
                Err(e) => self.error(&format!("{field}[{j}]"), e),
            }
        }
        Some(out)
    }

    fn settings(&mut self) {
        let spec = self.spec;
        let users = match spec.allowed_users.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            Some(raw) => match AllowedUsers::parse(raw) {
                Ok(u) => Some(u),
                Err(e) => {
                    self.error("allowed_users", e);
                    None
                }
            },
            None => None,
        };
        let features = self.features("features", spec.features.as_deref());
        let excluded = self.features("exclude_features", spec.exclude_features.as_deref());
        if let (Some(f), Some(x)) = (&features, &excluded) {
            if let Some(both) = x.iter().find(|x| f.contains(x)) {
                self.error("exclude_features", format!("\"{both}\" is both enabled and excluded: choose one."));
            }
        }
        if let Some(f) = &spec.features {
            for w in warnings(&TenantForm { features: f.clone(), ..TenantForm::default() }) {
                self.warn("features", w);
            }
        }
        let names =
            |v: &Option<Vec<FeatureName>>| v.as_ref().map(|v| v.iter().map(|f| f.to_string()).collect::<Vec<_>>());
        let (features, excluded) = (names(&features), names(&excluded));
        let Some(live) = self.live else {
            let name = spec.name.trim().to_owned();
            self.change("name", ChangeKind::Create { value: name.clone() });
            let mut defaults = serde_json::Map::new();
            if let Some(u) = users {
                self.change("allowed_users", ChangeKind::Create { value: u.get().to_string() });
                defaults.insert("allowed_users".into(), json!(u.get().to_string()));
            }
            for (field, list) in [("features", &features), ("exclude_features", &excluded)] {
                if let Some(list) = list.as_ref().filter(|l| !l.is_empty()) {
                    self.change(field, ChangeKind::Create { value: joined(list) });
                    defaults.insert(field.into(), json!(list));
                }
            }
            let mut body = json!({ "name": name });
            if !defaults.is_empty() {
                body["defaults"] = Value::Object(defaults);
            }
            self.calls.push(PlannedCall::new(CallKind::CreateTenant, body));
            return;
        };
        if users.is_none() && features.is_none() && excluded.is_none() {
            return;
        }
        let have = live.company.defaults.clone().unwrap_or_default();
        let mut differs = false;
        let have_users = have.allowed_users.clone().filter(|u| !u.is_empty());
        if let Some(u) = users {
            let after = u.get().to_string();
            if have_users.as_deref() != Some(after.as_str()) {
                let before = have_users.clone().unwrap_or_else(|| "not set".into());
                self.change("allowed_users", ChangeKind::Update { before, after });
                differs = true;
            }
        }
        let same = |s: &str| s.to_owned();
        let mut after_lists = [have.features.clone(), have.exclude_features.clone()];
        for (slot, field, list) in [(0, "features", &features), (1, "exclude_features", &excluded)] {
            let Some(list) = list else { continue };
            let set = set_change(&after_lists[slot], list, same, self.allow_removals);
            self.record_set(field, &set);
            differs |= set.differs(self.allow_removals);
            after_lists[slot] = set.after;
        }
        let [mut features_after, mut excluded_after] = after_lists;
        // A feature the file moves from one list to the other while removals are withheld
        // stays where the server has it.
        let moved: Vec<String> = excluded_after.iter().filter(|x| features_after.contains(x)).cloned().collect();
        for f in &moved {
            if have.features.contains(f) {
                excluded_after.retain(|x| x != f);
            } else {
                features_after.retain(|x| x != f);
            }
            for c in self.changes.iter_mut().filter(|c| matches!(&c.kind, ChangeKind::Add { value } if value == f)) {
                c.withheld = true;
            }
        }
        if live.company.defaults.is_none() {
            self.warn(
                "features",
                "The server does not report this tenant's settings: they are sent as the file gives them.",
            );
            differs = true;
        }
        if differs {
            let mut body =
                json!({ "company": live.company.id, "features": features_after, "exclude_features": excluded_after });
            if let Some(u) = users.map(|u| u.get().to_string()).or(have_users) {
                body["allowed_users"] = json!(u);
            }
            self.calls.push(PlannedCall::new(CallKind::UpdateSettings, body));
        }
    }

    /// Plans the admins the file names; says whether the tenant will have one to act as.
    fn admins(&mut self) -> bool {
        let live_admin = self.live.is_some_and(|l| l.admin.is_some());
        let Some(admins) = self.spec.admins.as_ref() else { return live_admin };
        let mut will_have = live_admin;
        let mut emails: HashSet<String> = HashSet::new();
        for (k, a) in admins.iter().enumerate() {
            let field = format!("admins[{k}]");
            if a.email.trim().is_empty() && a.id.is_some() {
                // Named by id only, as exported from a server that reports no emails: it must exist.
                if a.id.as_deref().is_some_and(|id| UserId::parse(id).is_err()) {
                    self.error(&format!("{field}.id"), "A user id is 32 hexadecimal characters.");
                } else {
                    will_have |= self.admin(&field, a, &a.name, "");
                }
                continue;
            }
            let valid = match validate_admin(&a.name, &a.email) {
                Ok(v) => v,
                Err(e) => {
                    if let Some(m) = e.name {
                        self.error(&format!("{field}.name"), m);
                    }
                    if let Some(m) = e.email {
                        self.error(&format!("{field}.email"), m);
                    }
                    continue;
                }
            };
            if !emails.insert(valid.email.key()) {
                self.error(&format!("{field}.email"), format!("{} is listed twice among the admins.", valid.email));
                continue;
            }
            if let Some(id) = &a.id {
                if UserId::parse(id).is_err() {
                    self.error(&format!("{field}.id"), "A user id is 32 hexadecimal characters.");
                    continue;
                }
            }
            will_have |= self.admin(&field, a, &valid.name, valid.email.as_str());
        }
        will_have
    }

    /// One admin: found, created, or looked for first where the server cannot show it.
    fn admin(&mut self, field: &str, a: &AdminSpec, name: &str, email: &str) -> bool {
        let key = email_key(email);
        let look_first = match self.live.map(|l| &l.users) {
            None => false,
            Some(Ok(users)) => {
                let found = users.iter().find(|u| {
                    a.id.as_deref() == Some(u.id.as_str()) || (!u.email.is_empty() && email_key(&u.email) == key)
                });
                match found {
                    Some(_) => return true,
                    None if a.id.is_some() => {
                        self.error(&format!("{field}.id"), "No user of this tenant has this id.");
                        return false;
                    }
                    None => users.iter().any(|u| u.email.is_empty()),
                }
            }
            Some(Err(why)) if a.id.is_some() => {
                self.error(&format!("{field}.id"), why.clone());
                return false;
            }
            Some(Err(_)) => true,
        };
        let with = if a.credentials { " with API credentials" } else { "" };
        let value = format!("{name} <{email}>{with}");
        self.change(field, if look_first { ChangeKind::LookFirst { value } } else { ChangeKind::Create { value } });
        let mut c = PlannedCall::create_admin(name, email, &self.company());
        c.look_first = look_first;
        self.calls.push(c);
        if a.credentials {
            self.calls.push(PlannedCall::issue_credentials());
        }
        true
    }

    fn routing(&mut self, has_admin: bool) {
        let spec = self.spec;
        if spec.domains.is_none() && spec.whitelist.is_none() && spec.whitelist_admins.is_none() {
            return;
        }
        let live_routing = self.live.and_then(|l| l.routing.clone());
        if self.live.is_some() && live_routing.is_none() && has_admin {
            self.warn("admins", "This tenant's login routing could not be read: it is set as the file gives it.");
        }
        let live_routing = live_routing.unwrap_or_default();
        let calls_before = self.calls.len();
        let owners = self.owners;
        let own_domains: HashSet<String> = spec.domains.iter().flatten().map(|d| owners.domain_key(d)).collect();
        if let Some(raw) = &spec.domains {
            let mut valid: Vec<String> = Vec::new();
            let mut valid_keys: HashSet<String> = HashSet::new();
            for (j, d) in raw.iter().enumerate() {
                let field = format!("domains[{j}]");
                let d = match EmailDomain::parse(d) {
                    Ok(d) => d,
                    Err(e) => {
                        self.error(&field, e);
                        continue;
                    }
                };
                if valid_keys.contains(d.key()) {
                    self.warn(&field, format!("{d} is listed twice; it is sent once."));
                    continue;
                }
                match self.owners.file_domains.get(d.key()).filter(|o| **o != self.index) {
                    Some(o) => self
                        .error(&field, format!("{d} is also claimed by tenants[{o}]: a domain routes to one tenant.")),
                    None => {
                        let key = d.key().to_owned();
                        let holder = self.held_elsewhere(self.owners.live_domains.get(&key).copied(), |other| {
                            other.domains.as_ref().is_none_or(|ds| ds.iter().any(|x| owners.domain_key(x) == key))
                        });
                        if let Some(h) = holder {
                            self.error(&field, h.message(&d.to_string(), "routed to"));
                        }
                    }
                }
                valid_keys.insert(d.key().to_owned());
                valid.push(d.as_str().to_owned());
            }
            let set = set_change(&live_routing.domains, &valid, |v| owners.domain_key(v), self.allow_removals);
            self.record_set("domains", &set);
            if set.differs(self.allow_removals) {
                self.calls.push(PlannedCall::new(CallKind::SetDomains, json!({ "domains": set.after })));
            }
        }
        self.whitelists(&live_routing, &own_domains);
        if self.calls.len() > calls_before && !has_admin {
            let message = if self.live.is_some() { NO_ONE_TO_ACT_AS } else { NEEDS_ADMIN };
            self.error("admins", message);
        }
    }

    fn whitelists(&mut self, live: &crate::clearml::wire::LoginSettings, own_domains: &HashSet<String>) {
        let spec = self.spec;
        let owners = self.owners;
        let mut lists: [Vec<String>; 2] = [Vec::new(), Vec::new()];
        let mut keys: [HashSet<String>; 2] = [HashSet::new(), HashSet::new()];
        for (slot, name, raw) in [(0, "whitelist", &spec.whitelist), (1, "whitelist_admins", &spec.whitelist_admins)] {
            for (j, e) in raw.iter().flatten().enumerate() {
                let field = format!("{name}[{j}]");
                let e = match EmailAddress::parse(e) {
                    Ok(e) => e,
                    Err(m) => {
                        self.error(&field, m);
                        continue;
                    }
                };
                let key = e.key();
                if keys[slot].contains(&key) {
                    self.warn(&field, format!("{e} is listed twice; it is sent once."));
                    continue;
                }
                if slot == 1 && keys[0].contains(&key) {
                    self.error(&field, format!("{e} {}", crate::bulk::check::IN_BOTH_WHITELISTS));
                    continue;
                }
                if let Some(o) = self.owners.file_emails.get(&key).filter(|o| **o != self.index) {
                    self.error(
                        &field,
                        format!("{e} is also whitelisted by tenants[{o}]: an email signs in to one tenant."),
                    );
                } else if let Some(h) = self.held_elsewhere(self.owners.live_emails.get(&key).copied(), |other| {
                    other.whitelist.is_none() && other.whitelist_admins.is_none()
                        || other
                            .whitelist
                            .iter()
                            .chain(&other.whitelist_admins)
                            .flatten()
                            .any(|x| owners.email_key(x) == key)
                }) {
                    self.error(&field, h.message(&e.to_string(), "in the whitelist of"));
                } else if !own_domains.contains(&e.domain_key()) {
                    let elsewhere = self
                        .owners
                        .file_domains
                        .get(&e.domain_key())
                        .filter(|o| **o != self.index)
                        .map(|o| self.file.tenants[*o].name.trim().to_owned())
                        .or_else(|| {
                            let o = self
                                .owners
                                .live_domains
                                .get(&e.domain_key())
                                .filter(|o| Some(**o) != self.live_index)?;
                            Some(self.state.tenants[*o].company.name.clone())
                        });
                    if let Some(t) = elsewhere {
                        self.warn(&field, format!("{e}: its domain {} routes to the tenant \u{201c}{}\u{201d}; the whitelist entry sends it here instead.", e.domain(), quoted(&t)));
                    }
                }
                lists[slot].push(e.as_str().to_owned());
                keys[slot].insert(key);
            }
        }
        let live_of = |admin: bool| -> Vec<String> {
            live.whitelist_entries
                .iter()
                .filter(|w| w.is_admin.unwrap_or(false) == admin)
                .map(|w| w.email.clone())
                .collect()
        };
        let in_file: HashSet<String> = keys.iter().flatten().cloned().collect();
        let mut removals = Vec::new();
        for (slot, name, managed, kind) in [
            (0, "whitelist", spec.whitelist.is_some(), CallKind::AddWhitelist),
            (1, "whitelist_admins", spec.whitelist_admins.is_some(), CallKind::AddWhitelistAdmins),
        ] {
            if !managed {
                continue;
            }
            let set = set_change(&live_of(slot == 1), &lists[slot], |v| owners.email_key(v), self.allow_removals);
            for v in &set.add {
                self.change(name, ChangeKind::Add { value: v.clone() });
            }
            // An entry moved to the other list is added there, not removed.
            for v in set.remove.iter().filter(|v| !in_file.contains(&owners.email_key(v))) {
                self.change(name, ChangeKind::Remove { value: v.clone() });
                removals.push(v.clone());
            }
            if !set.add.is_empty() {
                self.calls.push(PlannedCall::new(kind, json!({ "emails": set.add, "is_admin": slot == 1 })));
            }
        }
        if self.allow_removals && !removals.is_empty() {
            self.calls.push(PlannedCall::new(CallKind::RemoveWhitelist, json!({ "emails": removals })));
        }
    }
}

impl Planner<'_> {
    fn sso(&mut self) {
        let Some(spec) = self.spec.sso.as_ref() else { return };
        let external = spec.tenant.trim().to_owned();
        if external.is_empty() {
            self.error("sso.tenant", EXTERNAL_ID_REQUIRED);
        } else if let Some(o) = self.owners.file_external.get(&external).filter(|o| **o != self.index) {
            self.error("sso.tenant", format!("The external id \u{201c}{}\u{201d} is also tenants[{o}]'s: one ClearML tenant per external tenant id.", quoted(&external)));
        } else if let Some(o) = self.owners.live_external.get(&external).filter(|o| Some(**o) != self.live_index) {
            let moved = self
                .owners
                .in_file
                .get(o)
                .and_then(|f| self.spec_of(*f).sso.as_ref())
                .is_some_and(|s| s.tenant.trim() != external);
            if !moved {
                let holder = quoted(&self.state.tenants[*o].company.name);
                self.error("sso.tenant", format!("The external id \u{201c}{}\u{201d} is the tenant \u{201c}{holder}\u{201d}'s: one ClearML tenant per external tenant id.", quoted(&external)));
            }
        }
        let live = self.live.and_then(|l| l.company.sso.clone()).unwrap_or_default();
        let exists = self.live.is_some_and(|l| l.company.sso.is_some());
        let mut differs = false;
        if live.tenant != external {
            let kind = if exists {
                ChangeKind::Update { before: live.tenant.clone(), after: external.clone() }
            } else {
                ChangeKind::Create { value: external.clone() }
            };
            self.change("sso.tenant", kind);
            differs = true;
        }
        let mut mapping = live.group_mapping.clone();
        if let Some(file) = &spec.group_mapping {
            for (idp, group) in file {
                match live.group_mapping.get(idp) {
                    Some(g) if g == group => {}
                    Some(g) => self.change(
                        "sso.group_mapping",
                        ChangeKind::Update { before: format!("{idp} → {g}"), after: format!("{idp} → {group}") },
                    ),
                    None => self.change("sso.group_mapping", ChangeKind::Add { value: format!("{idp} → {group}") }),
                }
                differs |= live.group_mapping.get(idp) != Some(group);
                mapping.insert(idp.clone(), group.clone());
            }
            for (idp, group) in &live.group_mapping {
                if !file.contains_key(idp) {
                    self.change("sso.group_mapping", ChangeKind::Remove { value: format!("{idp} → {group}") });
                    if self.allow_removals {
                        mapping.remove(idp);
                        differs = true;
                    }
                }
            }
        }
        let mut admin_groups = live.admin_groups.clone();
        if let Some(file) = &spec.admin_groups {
            let set = set_change(&live.admin_groups, file, |s| s.trim().to_owned(), self.allow_removals);
            self.record_set("sso.admin_groups", &set);
            differs |= set.differs(self.allow_removals);
            admin_groups = set.after;
        }
        if differs && !external.is_empty() {
            let sso = json!({ "tenant": external, "group_mapping": mapping, "admin_groups": admin_groups });
            self.calls.push(PlannedCall::new(CallKind::SetSso, json!({ "company": self.company(), "sso": sso })));
        }
        if let Some(p) = &spec.provider {
            self.provider(p);
        }
    }

    fn provider(&mut self, p: &ProviderSpec) {
        let company = self.company();
        let id = p.id.clone().unwrap_or_else(|| company.clone());
        if p.client_id.trim().is_empty() {
            self.error("sso.provider.client_id", "Enter the client id the identity provider gave ClearML.");
        }
        for (field, value, required) in [
            ("authorization_endpoint", &p.authorization_endpoint, true),
            ("token_endpoint", &p.token_endpoint, true),
            ("revocation_endpoint", &p.revocation_endpoint, false),
            ("end_session_endpoint", &p.end_session_endpoint, false),
        ] {
            if required || !value.trim().is_empty() {
                if let Err(e) = SsoUrl::parse(value, &field.replace('_', " ")) {
                    self.error(&format!("sso.provider.{field}"), e);
                }
            }
        }
        let url = |s: &str| s.trim().trim_end_matches('/').to_owned();
        let wanted = ProviderConfiguration {
            id: id.clone(),
            display_name: p.display_name.trim().to_owned(),
            client_id: p.client_id.trim().to_owned(),
            client_secret: String::new(),
            authorization_endpoint: url(&p.authorization_endpoint),
            token_endpoint: url(&p.token_endpoint),
            revocation_endpoint: url(&p.revocation_endpoint),
            end_session_endpoint: url(&p.end_session_endpoint),
            logout_from_provider: p.logout_from_provider,
            claim_tenant: p.claim_tenant.trim().to_owned(),
            claim_name: p.claim_name.trim().to_owned(),
            group_enabled: p.group_enabled,
            claim_groups: p.claim_groups.trim().to_owned(),
            group_prohibit_user_login_if_not_in_group: p.group_prohibit_user_login_if_not_in_group,
            rotation: p.rotation,
        };
        let providers = self.live.map(|l| l.providers.as_ref());
        if providers == Some(None) {
            self.warn(
                "sso.provider",
                "This server does not show its identity providers: the provider is sent as the file gives it.",
            );
        }
        let live = providers.flatten().and_then(|ps| ps.iter().find(|lp| lp.configuration.id == id));
        let send_secret = match live {
            None => {
                self.change(
                    "sso.provider",
                    ChangeKind::Create { value: format!("{} ({})", wanted.display_name, wanted.client_id) },
                );
                if p.client_secret == SecretRef::Keep {
                    self.error("sso.provider.client_secret", SECRET_NEEDED);
                }
                true
            }
            Some(lp) => {
                let have = serde_json::to_value(&lp.configuration).unwrap_or_default();
                let want = serde_json::to_value(&wanted).unwrap_or_default();
                for (k, v) in want.as_object().into_iter().flatten() {
                    if matches!(k.as_str(), "client_secret" | "tenantry_secret_rotation" | "id") {
                        continue;
                    }
                    if have.get(k) != Some(v) {
                        let text = |v: Option<&Value>| {
                            v.map(|v| v.as_str().map_or(v.to_string(), str::to_owned)).unwrap_or_default()
                        };
                        self.change(
                            &format!("sso.provider.{k}"),
                            ChangeKind::Update { before: text(have.get(k)), after: text(Some(v)) },
                        );
                    }
                }
                let rotated = p.rotation > lp.rotation;
                if rotated {
                    self.change(
                        "sso.provider.client_secret",
                        ChangeKind::Update {
                            before: format!("rotation {}", lp.rotation),
                            after: format!("rotation {} (sent again)", p.rotation),
                        },
                    );
                    if p.client_secret == SecretRef::Keep {
                        self.error("sso.provider.client_secret", ROTATION_NEEDS_SECRET);
                    }
                } else if p.rotation < lp.rotation {
                    self.warn(
                        "sso.provider.rotation",
                        format!(
                            "The server's secret was sent under rotation {}: a lower number sends nothing.",
                            lp.rotation
                        ),
                    );
                }
                rotated
            }
        };
        let changed = self.changes.iter().any(|c| c.field.starts_with("sso.provider"));
        if !changed {
            return;
        }
        if send_secret && p.client_secret != SecretRef::Keep {
            if let Err(why) = self.secrets.resolve(&p.client_secret) {
                self.error("sso.provider.client_secret", format!("The secret cannot be read: {why}."));
            }
        }
        let mut configuration = serde_json::to_value(&ProviderConfiguration {
            rotation: wanted.rotation.max(live.map_or(0, |l| l.rotation)),
            ..wanted
        })
        .unwrap_or_default();
        if let Some(c) = configuration.as_object_mut() {
            c.remove("client_secret");
        }
        let mut c = PlannedCall::new(
            CallKind::SaveProvider,
            json!({ "provider": "keycloak", "company": company, "configuration": configuration }),
        );
        c.secret = send_secret.then(|| p.client_secret.clone());
        self.calls.push(c);
    }
}
