//! The console's pages as one table: each route's path (`href`, and `parse` back from a URL) and
//! who may see it (`audience`). Every link the console makes is an `href`; a test proves that every
//! route reads back from its own URL. URL encoding lives here too.

use crate::clearml::ids::CompanyId;
use crate::clearml::role::Role;
use crate::clearml::tenant_list::{SortDir, SortKey, TenantQuery};
use crate::url_component::{decode_component, encode_component};

#[derive(Clone, Debug, PartialEq)]
pub enum AppRoute {
    Tenants(TenantQuery),
    NewTenant,
    Onboarding,
    /// Many tenants from one CSV or YAML file.
    BulkImport,
    /// The whole platform as one file (M16): export, plan, apply, drift.
    PlatformFile,
    /// The wizard, adding an admin (and its credentials) to an existing tenant that has none.
    OnboardExisting(CompanyId),
    /// A tenant's overview; `just_created` when the console has just made it (`?created=1`).
    Tenant {
        id: CompanyId,
        just_created: bool,
    },
    TenantUsers(CompanyId),
    TenantCredentials(CompanyId),
    LoginRouting(CompanyId),
    TenantSso(CompanyId),
    TenantFeatures(CompanyId),
    TenantActivity(CompanyId),
    RoutingOverview,
    OwnLoginRouting,
    OwnUsers,
    OwnCredentials,
    OwnGroups,
    Activity,
    /// The catalogue, with its search.
    Features(String),
    /// The explainer, for a tenant or none yet.
    EffectiveFeatures(Option<CompanyId>),
    Groups,
    ServerConfig,
    Sso,
    Mlflow,
    MlflowUsers,
    MlflowUser(String),
    MlflowAccess,
    MlflowRoles,
    MlflowRoleMapping,
}

/// Whether a link to `href` is the current page's at `pathname`: the same page, or — unless the
/// link stands for its own page only, as a strip's first tab does — a page under it. The one rule
/// for the side navigation and the tab strips.
pub fn link_is_current(pathname: &str, href: &str, own_page_only: bool) -> bool {
    pathname == href || (!own_page_only && pathname.strip_prefix(href).is_some_and(|rest| rest.starts_with('/')))
}

/// Where a page sits in the side navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NavSection {
    Supervisor,
    FeaturesAndGroups,
    Mlflow,
    /// A tenant admin's own tenant, headed by its name.
    OwnTenant,
    Session,
}

impl NavSection {
    /// The heading; the own tenant's is its name, which the session knows.
    pub fn heading(self) -> Option<&'static str> {
        match self {
            NavSection::Supervisor => Some("Supervisor"),
            NavSection::FeaturesAndGroups => Some("Features and groups"),
            NavSection::Mlflow => Some("MLflow"),
            NavSection::OwnTenant => None,
            NavSection::Session => Some("Session"),
        }
    }
}

/// A side navigation entry: its section and its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NavEntry {
    pub section: NavSection,
    pub label: &'static str,
}

/// Who a page is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    Supervisor,
    TenantAdmin,
    /// Anyone signed in (the activity log is of one's own calls).
    SignedIn,
}

impl Audience {
    pub fn admits(self, role: Role) -> bool {
        match self {
            Audience::Supervisor => role.is_supervisor(),
            Audience::TenantAdmin => role.is_tenant_admin(),
            Audience::SignedIn => true,
        }
    }

    /// Who, in the words of the page that turns others away.
    pub fn described(self) -> &'static str {
        match self {
            Audience::Supervisor => "the supervisor (system role)",
            Audience::TenantAdmin => "a tenant's admin",
            Audience::SignedIn => "anyone signed in",
        }
    }
}

impl AppRoute {
    pub fn href(&self) -> String {
        match self {
            AppRoute::Tenants(q) => format!("/tenants{}", q.to_query_string()),
            AppRoute::NewTenant => "/tenants/new".into(),
            AppRoute::Onboarding => "/tenants/onboard".into(),
            AppRoute::BulkImport => "/tenants/import".into(),
            AppRoute::PlatformFile => "/tenants/platform".into(),
            // A company id is 32 hex characters: nothing in it needs encoding.
            AppRoute::OnboardExisting(id) => format!("/tenants/onboard?tenant={id}"),
            AppRoute::Tenant { id, just_created: false } => format!("/tenants/{id}"),
            AppRoute::Tenant { id, just_created: true } => format!("/tenants/{id}?created=1"),
            AppRoute::TenantUsers(id) => format!("/tenants/{id}/users"),
            AppRoute::TenantCredentials(id) => format!("/tenants/{id}/credentials"),
            AppRoute::LoginRouting(id) => format!("/tenants/{id}/login-routing"),
            AppRoute::TenantSso(id) => format!("/tenants/{id}/sso"),
            AppRoute::TenantFeatures(id) => format!("/tenants/{id}/features"),
            AppRoute::TenantActivity(id) => format!("/tenants/{id}/activity"),
            AppRoute::RoutingOverview => "/login-routing".into(),
            AppRoute::OwnLoginRouting => "/my-tenant/login-routing".into(),
            AppRoute::OwnUsers => "/my-tenant/users".into(),
            AppRoute::OwnCredentials => "/my-tenant/credentials".into(),
            AppRoute::OwnGroups => "/my-tenant/groups".into(),
            AppRoute::Activity => "/activity".into(),
            AppRoute::Features(q) if q.is_empty() => "/features".into(),
            AppRoute::Features(q) => format!("/features?q={}", encode_component(q)),
            AppRoute::EffectiveFeatures(None) => "/effective-features".into(),
            AppRoute::EffectiveFeatures(Some(id)) => format!("/effective-features?tenant={id}"),
            AppRoute::Groups => "/groups".into(),
            AppRoute::ServerConfig => "/server-config".into(),
            AppRoute::Sso => "/sso".into(),
            AppRoute::Mlflow => "/mlflow".into(),
            AppRoute::MlflowUsers => "/mlflow/users".into(),
            AppRoute::MlflowUser(name) => format!("/mlflow/users/{}", encode_component(name)),
            AppRoute::MlflowAccess => "/mlflow/access".into(),
            AppRoute::MlflowRoles => "/mlflow/roles".into(),
            AppRoute::MlflowRoleMapping => "/mlflow/role-mapping".into(),
        }
    }

    pub fn tenants() -> String {
        AppRoute::Tenants(TenantQuery::default()).href()
    }

    /// A tenant's overview.
    pub fn tenant(id: CompanyId) -> AppRoute {
        AppRoute::Tenant { id, just_created: false }
    }

    /// The route a URL (path and optional query) shows; `None` for a page that does not exist,
    /// which is also what a malformed tenant id names.
    pub fn parse(url: &str) -> Option<AppRoute> {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let param = |name: &str| -> Option<String> {
            query
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .find(|(k, _)| *k == name)
                .map(|(_, v)| decode_component(v))
        };
        let segments: Vec<String> = path.trim_end_matches('/').split('/').skip(1).map(decode_component).collect();
        let s: Vec<&str> = segments.iter().map(String::as_str).collect();
        let company = |id: &str| CompanyId::parse(id).ok();
        // An optional tenant in the query: absent or empty is none, malformed is no page.
        let tenant_param = || match param("tenant").filter(|id| !id.is_empty()) {
            None => Some(None),
            Some(id) => company(&id).map(Some),
        };
        Some(match s.as_slice() {
            ["tenants"] => AppRoute::Tenants(TenantQuery::from_params(param)),
            ["tenants", "new"] => AppRoute::NewTenant,
            ["tenants", "onboard"] => match tenant_param()? {
                Some(id) => AppRoute::OnboardExisting(id),
                None => AppRoute::Onboarding,
            },
            ["tenants", "import"] => AppRoute::BulkImport,
            ["tenants", "platform"] => AppRoute::PlatformFile,
            ["tenants", id] => AppRoute::Tenant { id: company(id)?, just_created: param("created").is_some() },
            ["tenants", id, "users"] => AppRoute::TenantUsers(company(id)?),
            ["tenants", id, "credentials"] => AppRoute::TenantCredentials(company(id)?),
            ["tenants", id, "login-routing"] => AppRoute::LoginRouting(company(id)?),
            ["tenants", id, "sso"] => AppRoute::TenantSso(company(id)?),
            ["tenants", id, "features"] => AppRoute::TenantFeatures(company(id)?),
            ["tenants", id, "activity"] => AppRoute::TenantActivity(company(id)?),
            ["login-routing"] => AppRoute::RoutingOverview,
            ["my-tenant", "login-routing"] => AppRoute::OwnLoginRouting,
            ["my-tenant", "users"] => AppRoute::OwnUsers,
            ["my-tenant", "credentials"] => AppRoute::OwnCredentials,
            ["my-tenant", "groups"] => AppRoute::OwnGroups,
            ["activity"] => AppRoute::Activity,
            ["features"] => AppRoute::Features(param("q").unwrap_or_default()),
            ["effective-features"] => AppRoute::EffectiveFeatures(tenant_param()?),
            ["groups"] => AppRoute::Groups,
            ["server-config"] => AppRoute::ServerConfig,
            ["sso"] => AppRoute::Sso,
            ["mlflow"] => AppRoute::Mlflow,
            ["mlflow", "users"] => AppRoute::MlflowUsers,
            ["mlflow", "users", name] => AppRoute::MlflowUser((*name).to_owned()),
            ["mlflow", "access"] => AppRoute::MlflowAccess,
            ["mlflow", "roles"] => AppRoute::MlflowRoles,
            ["mlflow", "role-mapping"] => AppRoute::MlflowRoleMapping,
            _ => return None,
        })
    }

    /// The tenant whose hub the route is a tab of: its overview, users, credentials, login
    /// routing, single sign-on, features or activity.
    pub fn hub_tenant(&self) -> Option<&CompanyId> {
        match self {
            AppRoute::Tenant { id, .. }
            | AppRoute::TenantUsers(id)
            | AppRoute::TenantCredentials(id)
            | AppRoute::LoginRouting(id)
            | AppRoute::TenantSso(id)
            | AppRoute::TenantFeatures(id)
            | AppRoute::TenantActivity(id) => Some(id),
            _ => None,
        }
    }

    /// The value the route's path carries — a tenant's id, an MLflow user's name — if any.
    pub fn path_value(&self) -> Option<&str> {
        match self {
            AppRoute::MlflowUser(name) => Some(name),
            _ => self.hub_tenant().map(CompanyId::as_str),
        }
    }

    /// Whether two routes are the same page about the same thing, perhaps with another query:
    /// moving between them keeps the page, which follows its query itself. A page about another
    /// tenant (or MLflow user) is another page, built anew, so that nothing typed for or read
    /// about the previous one survives into the next.
    pub fn same_page(&self, other: &AppRoute) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other) && self.path_value() == other.path_value()
    }

    /// The pages the side navigation lists, in its order; which of them a session sees is their
    /// `audience`.
    pub fn navigation() -> Vec<AppRoute> {
        vec![
            AppRoute::Tenants(TenantQuery::default()),
            AppRoute::RoutingOverview,
            AppRoute::Sso,
            AppRoute::Features(String::new()),
            AppRoute::EffectiveFeatures(None),
            AppRoute::Groups,
            AppRoute::ServerConfig,
            AppRoute::Mlflow,
            AppRoute::OwnLoginRouting,
            AppRoute::OwnUsers,
            AppRoute::OwnCredentials,
            AppRoute::OwnGroups,
            AppRoute::Activity,
        ]
    }

    /// Its entry in the side navigation, for the pages `navigation` lists.
    pub fn nav_entry(&self) -> Option<NavEntry> {
        let (section, label) = match self {
            AppRoute::Tenants(_) => (NavSection::Supervisor, "Tenants"),
            AppRoute::RoutingOverview => (NavSection::Supervisor, "Login routing"),
            AppRoute::Sso => (NavSection::Supervisor, "Single sign-on"),
            AppRoute::Features(_) => (NavSection::FeaturesAndGroups, "Feature catalogue"),
            AppRoute::EffectiveFeatures(_) => (NavSection::FeaturesAndGroups, "Effective features"),
            AppRoute::Groups => (NavSection::FeaturesAndGroups, "Groups"),
            AppRoute::ServerConfig => (NavSection::FeaturesAndGroups, "Server configuration"),
            AppRoute::Mlflow => (NavSection::Mlflow, "MLflow access"),
            AppRoute::OwnLoginRouting => (NavSection::OwnTenant, "Login routing"),
            AppRoute::OwnUsers => (NavSection::OwnTenant, "Users"),
            AppRoute::OwnCredentials => (NavSection::OwnTenant, "Credentials"),
            AppRoute::OwnGroups => (NavSection::OwnTenant, "Groups"),
            AppRoute::Activity => (NavSection::Session, "Activity"),
            _ => return None,
        };
        Some(NavEntry { section, label })
    }

    /// In the first load rather than a chunk of its own: what a supervisor sees first.
    pub fn in_first_load(&self) -> bool {
        matches!(self, AppRoute::Tenants(_))
    }

    pub fn audience(&self) -> Audience {
        match self {
            AppRoute::OwnLoginRouting | AppRoute::OwnUsers | AppRoute::OwnCredentials | AppRoute::OwnGroups => {
                Audience::TenantAdmin
            }
            AppRoute::Activity => Audience::SignedIn,
            _ => Audience::Supervisor,
        }
    }
}

/// Lists routes by variant and value; the same list makes an exhaustive match, so a variant
/// without an example here is a compile error, not a test that passes without it.
macro_rules! examples {
    ($($variant:ident $(($value:expr))? $({ $($field:ident: $field_value:expr),* })?),* $(,)?) => {{
        #[allow(unreachable_patterns)]
        fn listed(route: &AppRoute) {
            match route {
                $(AppRoute::$variant { .. } => {})*
            }
        }
        let all = vec![$(AppRoute::$variant $(($value))? $({ $($field: $field_value),* })?),*];
        all.iter().for_each(listed);
        all
    }};
}

impl AppRoute {
    /// One of every route (and of some more than one), with values that need encoding: for tests
    /// that must cover every page.
    pub fn examples() -> Vec<AppRoute> {
        let id = || CompanyId::parse("0123456789abcdef0123456789abcdef").expect("an object id");
        let searched =
            TenantQuery { filter: "Ácme & co/2".into(), sort: SortKey::default(), dir: SortDir::default(), page: 3 };
        examples![
            Tenants(TenantQuery::default()),
            Tenants(searched),
            NewTenant,
            Onboarding,
            BulkImport,
            PlatformFile,
            OnboardExisting(id()),
            Tenant { id: id(), just_created: false },
            Tenant { id: id(), just_created: true },
            TenantUsers(id()),
            TenantCredentials(id()),
            LoginRouting(id()),
            TenantSso(id()),
            TenantFeatures(id()),
            TenantActivity(id()),
            RoutingOverview,
            OwnLoginRouting,
            OwnUsers,
            OwnCredentials,
            OwnGroups,
            Activity,
            Features(String::new()),
            Features("sso + queues".into()),
            EffectiveFeatures(None),
            EffectiveFeatures(Some(id())),
            Groups,
            ServerConfig,
            Sso,
            Mlflow,
            MlflowUsers,
            MlflowUser("ana maria@example.com/x?y".into()),
            MlflowAccess,
            MlflowRoles,
            MlflowRoleMapping,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_reads_back_from_its_own_url() {
        for route in AppRoute::examples() {
            assert_eq!(AppRoute::parse(&route.href()).as_ref(), Some(&route), "{}", route.href());
        }
    }

    #[test]
    fn a_path_value_reads_back_decoded_and_another_value_is_another_page() {
        let user = AppRoute::parse(&AppRoute::MlflowUser("ana maria@example.com/x?y".into()).href()).unwrap();
        assert_eq!(user.path_value(), Some("ana maria@example.com/x?y"));
        let (a, b) = ("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210");
        let sso = |id: &str| AppRoute::parse(&format!("/tenants/{id}/sso")).unwrap();
        assert_eq!(sso(b).path_value(), Some(b));
        assert_eq!(sso(b).hub_tenant().map(CompanyId::as_str), Some(b));
        assert!(sso(a).same_page(&sso(a)));
        assert!(!sso(a).same_page(&sso(b)), "another tenant's page is built anew");
        assert!(!sso(a).same_page(&AppRoute::parse(&format!("/tenants/{a}/users")).unwrap()));
        let created = AppRoute::parse(&format!("/tenants/{a}?created=1")).unwrap();
        assert!(matches!(created, AppRoute::Tenant { just_created: true, .. }));
        assert!(
            created.same_page(&AppRoute::parse(&format!("/tenants/{a}")).unwrap()),
            "the note goes, the page stays"
        );
        assert!(AppRoute::Features("a".into()).same_page(&AppRoute::Features("b".into())), "a query is the page's");
        assert_eq!(AppRoute::Groups.path_value(), None);
        assert_eq!(AppRoute::Onboarding.hub_tenant(), None);
    }

    #[test]
    fn a_malformed_tenant_id_is_no_page() {
        for url in [
            "/tenants/x",
            "/tenants/0123456789ABCDEF0123456789ABCDEF/users",
            "/tenants/0123/sso",
            "/tenants/onboard?tenant=nope",
            "/effective-features?tenant=acme",
        ] {
            assert_eq!(AppRoute::parse(url), None, "{url}");
        }
        assert_eq!(AppRoute::parse("/tenants/onboard?tenant="), Some(AppRoute::Onboarding));
        assert_eq!(AppRoute::parse("/effective-features?tenant="), Some(AppRoute::EffectiveFeatures(None)));
    }

    #[test]
    fn every_url_is_distinct() {
        let urls: std::collections::HashSet<String> = AppRoute::examples().iter().map(AppRoute::href).collect();
        assert_eq!(urls.len(), AppRoute::examples().len());
    }

    #[test]
    fn unknown_pages_are_none() {
        assert_eq!(AppRoute::parse("/nowhere"), None);
        assert_eq!(AppRoute::parse("/tenants/x/nothing"), None);
        assert_eq!(AppRoute::parse("/tenants/"), Some(AppRoute::Tenants(TenantQuery::default())));
    }

    #[test]
    fn the_navigation_shows_each_role_its_pages_by_section() {
        let shown = |role: Role| -> Vec<(NavSection, &str)> {
            AppRoute::navigation()
                .iter()
                .filter(|r| r.audience().admits(role))
                .filter_map(|r| r.nav_entry().map(|e| (e.section, e.label)))
                .collect()
        };
        assert!(AppRoute::navigation().iter().all(|r| r.nav_entry().is_some()), "every listed page has an entry");
        let admin = shown(Role::Admin);
        assert_eq!(
            admin,
            [
                (NavSection::OwnTenant, "Login routing"),
                (NavSection::OwnTenant, "Users"),
                (NavSection::OwnTenant, "Credentials"),
                (NavSection::OwnTenant, "Groups"),
                (NavSection::Session, "Activity"),
            ]
        );
        let supervisor = shown(Role::System);
        assert_eq!(supervisor.first(), Some(&(NavSection::Supervisor, "Tenants")));
        assert!(!supervisor.iter().any(|(s, _)| *s == NavSection::OwnTenant));
        assert_eq!(supervisor.len(), 9);
    }

    #[test]
    fn a_link_is_current_on_its_page_and_under_it() {
        assert!(link_is_current("/mlflow/users/bob", "/mlflow/users", false));
        assert!(link_is_current("/mlflow/users", "/mlflow/users", false));
        assert!(!link_is_current("/mlflow/users-old", "/mlflow/users", false), "a longer name is another page");
        assert!(!link_is_current("/mlflow/users", "/mlflow", true), "a strip's first tab is its own page only");
        assert!(link_is_current("/mlflow/users", "/mlflow", false));
    }

    #[test]
    fn who_may_see_what() {
        assert!(AppRoute::BulkImport.audience().admits(Role::Root));
        assert!(!AppRoute::BulkImport.audience().admits(Role::Admin));
        assert!(AppRoute::OwnUsers.audience().admits(Role::Admin));
        assert!(!AppRoute::OwnUsers.audience().admits(Role::System));
        assert!(AppRoute::Activity.audience().admits(Role::Unknown));
    }

    #[test]
    fn components_decode_what_encode_made() {
        for s in ["", "a b", "100%", "ü/?&=#+", "%zz"] {
            assert_eq!(decode_component(&encode_component(s)), s);
        }
        assert_eq!(decode_component("a+b%2"), "a b%2");
    }
}
