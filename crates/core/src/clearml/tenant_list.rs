//! The Tenants page's filter, sort and paging, kept out of the view so it is tested natively and
//! stays linear: the list is indexed once when it arrives, and each keystroke is one pass over it.

use crate::clearml::wire::Company;
use crate::names::unicode::lowercase;
use std::fmt;
use std::str::FromStr;

pub const PAGE_SIZE: usize = 50;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Name,
    Id,
    /// Active tenants first.
    Status,
    /// By number; tenants left to the server's default after those with a number.
    AllowedUsers,
    /// By how many features are enabled, then how many excluded.
    Features,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortDir {
    #[default]
    Asc,
    Desc,
}

macro_rules! url_words {
    ($ty:ty { $($variant:path => $word:literal),+ }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($variant => $word),+ }
            }
        }
        impl FromStr for $ty {
            type Err = ();
            fn from_str(s: &str) -> Result<Self, ()> {
                match s { $($word => Ok($variant),)+ _ => Err(()) }
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

url_words!(SortKey {
    SortKey::Name => "name",
    SortKey::Id => "id",
    SortKey::Status => "status",
    SortKey::AllowedUsers => "users",
    SortKey::Features => "features"
});
url_words!(SortDir { SortDir::Asc => "asc", SortDir::Desc => "desc" });

/// What the user asked the list for; it lives in the URL query (`q`, `sort`, `dir`, `page`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TenantQuery {
    pub filter: String,
    pub sort: SortKey,
    pub dir: SortDir,
    /// 1-based.
    pub page: usize,
}

/// The first page: what a plain `/tenants` reads back as (pages are 1-based).
impl Default for TenantQuery {
    fn default() -> Self {
        Self { filter: String::new(), sort: SortKey::default(), dir: SortDir::default(), page: 1 }
    }
}

impl TenantQuery {
    /// Reads the URL query leniently: anything unreadable falls back to the default.
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            filter: get("q").unwrap_or_default(),
            sort: get("sort").and_then(|s| s.parse().ok()).unwrap_or_default(),
            dir: get("dir").and_then(|s| s.parse().ok()).unwrap_or_default(),
            page: get("page").and_then(|s| s.parse().ok()).filter(|p| *p >= 1).unwrap_or(1),
        }
    }

    /// The URL query for this state, leaving out defaults so plain links stay plain.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if !self.filter.is_empty() {
            parts.push(format!("q={}", crate::url_component::encode_component(&self.filter)));
        }
        if self.sort != SortKey::default() {
            parts.push(format!("sort={}", self.sort));
        }
        if self.dir != SortDir::default() {
            parts.push(format!("dir={}", self.dir));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

use std::cmp::Ordering;

/// "1 tenant", "2 tenants".
pub fn tenant_count(n: usize) -> String {
    if n == 1 {
        "1 tenant".to_owned()
    } else {
        format!("{n} tenants")
    }
}

/// The tenants, indexed for the page: lower-cased names and every column's sort order computed
/// once (ties in name order, so a sorted list reads predictably).
#[derive(Clone, Debug, Default)]
pub struct TenantIndex {
    companies: Vec<Company>,
    lowered: Vec<String>,
    by_name: Vec<u32>,
    by_id: Vec<u32>,
    by_status: Vec<u32>,
    by_allowed_users: Vec<u32>,
    by_features: Vec<u32>,
}

fn allowed_users(c: &Company) -> Option<u64> {
    c.defaults.as_ref()?.allowed_users.as_deref()?.trim().parse().ok()
}

fn feature_counts(c: &Company) -> (usize, usize) {
    c.defaults.as_ref().map_or((0, 0), |d| (d.features.len(), d.exclude_features.len()))
}

/// One page of the filtered, sorted list.
#[derive(Clone, Debug, PartialEq)]
pub struct TenantPage<'a> {
    pub rows: Vec<&'a Company>,
    /// How many tenants match the filter, over all pages.
    pub matched: usize,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
}

/// One sort for every order the page offers: a single copy of the sorting code in the console.
fn sort_stable(order: &mut [u32], cmp: &dyn Fn(u32, u32) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

impl TenantIndex {
    pub fn new(companies: Vec<Company>) -> Self {
        let lowered: Vec<String> = companies.iter().map(|c| lowercase(&c.name)).collect();
        let mut by_name: Vec<u32> = (0..companies.len() as u32).collect();
        sort_stable(&mut by_name, &|a, b| lowered[a as usize].cmp(&lowered[b as usize]));
        let sorted_by = |cmp: &dyn Fn(&Company, &Company) -> Ordering| {
            let mut order = by_name.clone();
            // Stable: ties stay in name order.
            sort_stable(&mut order, &|a, b| cmp(&companies[a as usize], &companies[b as usize]));
            order
        };
        let by_id = sorted_by(&|a, b| a.id.cmp(&b.id));
        let by_status = sorted_by(&|a, b| b.active.cmp(&a.active));
        let by_allowed_users = sorted_by(&|a, b| match (allowed_users(a), allowed_users(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        });
        let by_features = sorted_by(&|a, b| feature_counts(a).cmp(&feature_counts(b)));
        Self { companies, lowered, by_name, by_id, by_status, by_allowed_users, by_features }
    }

    pub fn len(&self) -> usize {
        self.companies.len()
    }

    pub fn is_empty(&self) -> bool {
        self.companies.is_empty()
    }

    pub fn companies(&self) -> &[Company] {
        &self.companies
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.companies.iter().map(|c| c.name.as_str())
    }

    pub fn find(&self, id: &str) -> Option<&Company> {
        self.companies.iter().find(|c| c.id == id)
    }

    pub fn query(&self, q: &TenantQuery) -> TenantPage<'_> {
        let needle = lowercase(q.filter.trim());
        let order = match q.sort {
            SortKey::Name => &self.by_name,
            SortKey::Id => &self.by_id,
            SortKey::Status => &self.by_status,
            SortKey::AllowedUsers => &self.by_allowed_users,
            SortKey::Features => &self.by_features,
        };
        let matches = |i: &&u32| {
            needle.is_empty()
                || self.lowered[**i as usize].contains(&needle)
                || self.companies[**i as usize].id.starts_with(&needle)
        };
        let matched = order.iter().filter(matches).count();
        let pages = matched.div_ceil(PAGE_SIZE).max(1);
        let page = q.page.clamp(1, pages);
        let skip = (page - 1) * PAGE_SIZE;
        let pick = |i: &u32| &self.companies[*i as usize];
        let rows = match q.dir {
            SortDir::Asc => order.iter().filter(matches).skip(skip).take(PAGE_SIZE).map(pick).collect(),
            SortDir::Desc => order.iter().rev().filter(matches).skip(skip).take(PAGE_SIZE).map(pick).collect(),
        };
        TenantPage { rows, matched, total: self.companies.len(), page, pages }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(id: &str, name: &str) -> Company {
        Company { id: id.into(), name: name.into(), active: true, defaults: None, sso: None }
    }

    fn names(page: &TenantPage) -> Vec<String> {
        page.rows.iter().map(|c| c.name.clone()).collect()
    }

    #[test]
    fn filters_case_insensitively_and_sorts_by_name() {
        let index = TenantIndex::new(vec![company("c", "beta labs"), company("a", "Alpha"), company("b", "ALPHABET")]);
        let page = index.query(&TenantQuery { filter: "alp".into(), ..Default::default() });
        assert_eq!(names(&page), ["Alpha", "ALPHABET"]);
        assert_eq!((page.matched, page.total), (2, 3));
        let desc = index.query(&TenantQuery { dir: SortDir::Desc, ..Default::default() });
        assert_eq!(names(&desc), ["beta labs", "ALPHABET", "Alpha"]);
    }

    #[test]
    fn filter_also_matches_an_id_prefix() {
        let index = TenantIndex::new(vec![company("d1bd92a3", "Default"), company("ffff", "Other")]);
        assert_eq!(names(&index.query(&TenantQuery { filter: "d1bd".into(), ..Default::default() })), ["Default"]);
    }

    #[test]
    fn pages_are_clamped_to_what_exists() {
        let index = TenantIndex::new((0..120).map(|i| company(&format!("{i:03}"), &format!("t{i:03}"))).collect());
        let last = index.query(&TenantQuery { page: 99, ..Default::default() });
        assert_eq!((last.page, last.pages, last.rows.len()), (3, 3, 20));
        let none = index.query(&TenantQuery { filter: "zzz".into(), ..Default::default() });
        assert_eq!((none.page, none.pages, none.matched), (1, 1, 0));
    }

    #[test]
    fn url_words_round_trip() {
        for k in SortKey::ALL {
            assert_eq!(k.as_str().parse::<SortKey>(), Ok(*k));
        }
        for d in SortDir::ALL {
            assert_eq!(d.as_str().parse::<SortDir>(), Ok(*d));
        }
    }

    #[test]
    fn query_round_trips_through_the_url_and_omits_defaults() {
        let q = TenantQuery { filter: "a b&c".into(), sort: SortKey::Id, dir: SortDir::Desc, page: 2 };
        let s = q.to_query_string();
        assert_eq!(s, "?q=a%20b%26c&sort=id&dir=desc&page=2");
        let decoded = [("q", "a b&c"), ("sort", "id"), ("dir", "desc"), ("page", "2")];
        let back = TenantQuery::from_params(|k| decoded.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string()));
        assert_eq!(back, q);
        assert_eq!(TenantQuery { page: 1, ..Default::default() }.to_query_string(), "");
    }

    #[test]
    fn unreadable_params_fall_back_to_defaults() {
        let q = TenantQuery::from_params(|k| Some(if k == "q" { "x".into() } else { "???".into() }));
        assert_eq!(q, TenantQuery { filter: "x".into(), page: 1, ..Default::default() });
    }

    fn with_settings(id: &str, name: &str, active: bool, users: Option<&str>, on: usize, off: usize) -> Company {
        Company {
            id: id.into(),
            name: name.into(),
            active,
            defaults: Some(crate::clearml::wire::CompanySettings {
                allowed_users: users.map(str::to_owned),
                features: vec!["x".into(); on],
                exclude_features: vec!["y".into(); off],
            }),
            sso: None,
        }
    }

    #[test]
    fn every_column_sorts_with_ties_in_name_order() {
        let index = TenantIndex::new(vec![
            with_settings("3", "Cyan", false, Some("50"), 0, 2),
            with_settings("1", "Amber", true, None, 1, 0),
            with_settings("2", "Blue", true, Some("7"), 0, 0),
            with_settings("4", "Dune", false, Some("not a number"), 1, 0),
        ]);
        let sorted = |sort, dir| names(&index.query(&TenantQuery { sort, dir, ..Default::default() }));
        assert_eq!(sorted(SortKey::Status, SortDir::Asc), ["Amber", "Blue", "Cyan", "Dune"]);
        assert_eq!(sorted(SortKey::AllowedUsers, SortDir::Asc), ["Blue", "Cyan", "Amber", "Dune"]);
        assert_eq!(sorted(SortKey::Features, SortDir::Asc), ["Blue", "Cyan", "Amber", "Dune"]);
        assert_eq!(sorted(SortKey::Features, SortDir::Desc), ["Dune", "Amber", "Cyan", "Blue"]);
        assert_eq!(sorted(SortKey::Id, SortDir::Asc), ["Amber", "Blue", "Cyan", "Dune"]);
        for key in SortKey::ALL {
            let q = TenantQuery { sort: *key, page: 1, ..Default::default() };
            assert_eq!(TenantQuery::from_params(|k| (k == "sort").then(|| key.to_string())), q, "{key} round-trips");
        }
    }

    #[test]
    fn counts_say_tenant_or_tenants() {
        assert_eq!(tenant_count(0), "0 tenants");
        assert_eq!(tenant_count(1), "1 tenant");
        assert_eq!(tenant_count(10_000), "10000 tenants");
    }
}
