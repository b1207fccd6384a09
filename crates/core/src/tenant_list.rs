//! The Tenants page's filter, sort and paging, kept out of the view so it is tested natively and
//! stays linear: the list is indexed once when it arrives, and each keystroke is one pass over it.

use crate::wire::Company;
use std::fmt;
use std::str::FromStr;

pub const PAGE_SIZE: usize = 50;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Name,
    Id,
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

url_words!(SortKey { SortKey::Name => "name", SortKey::Id => "id" });
url_words!(SortDir { SortDir::Asc => "asc", SortDir::Desc => "desc" });

/// What the user asked the list for; it lives in the URL query (`q`, `sort`, `dir`, `page`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TenantQuery {
    pub filter: String,
    pub sort: SortKey,
    pub dir: SortDir,
    /// 1-based.
    pub page: usize,
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
            parts.push(format!("q={}", encode_component(&self.filter)));
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

/// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The tenants, indexed for the page: lower-cased names and both sort orders computed once.
#[derive(Clone, Debug, Default)]
pub struct TenantIndex {
    companies: Vec<Company>,
    lowered: Vec<String>,
    by_name: Vec<u32>,
    by_id: Vec<u32>,
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

impl TenantIndex {
    pub fn new(companies: Vec<Company>) -> Self {
        let lowered: Vec<String> = companies.iter().map(|c| c.name.to_lowercase()).collect();
        let mut by_name: Vec<u32> = (0..companies.len() as u32).collect();
        by_name.sort_by(|&a, &b| lowered[a as usize].cmp(&lowered[b as usize]));
        let mut by_id = by_name.clone();
        by_id.sort_by(|&a, &b| companies[a as usize].id.cmp(&companies[b as usize].id));
        Self { companies, lowered, by_name, by_id }
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
        let needle = q.filter.trim().to_lowercase();
        let order = match q.sort {
            SortKey::Name => &self.by_name,
            SortKey::Id => &self.by_id,
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
}
