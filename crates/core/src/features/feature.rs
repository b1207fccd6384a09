//! The feature catalogue: the seed's "Available Features" table, plus the features that only the
//! enterprise API reference lists. A `FeatureName` can only hold a name from this catalogue.

use crate::names::unicode::lowercase;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where the catalogue learnt of a feature: the seeds' table, or only the enterprise API reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeatureSource {
    SeedTable,
    ApiReference,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeatureInfo {
    pub name: &'static str,
    pub description: &'static str,
    /// The table's "Notes" column; `None` where it says "No".
    pub notes: Option<&'static str>,
    /// The apiserver version the feature appeared in, where the table gives one.
    pub since: Option<&'static str>,
    pub deprecated: bool,
    pub source: FeatureSource,
}

impl FeatureInfo {
    /// This catalogue entry's name, as the type that only catalogue names can have.
    pub fn feature(&'static self) -> FeatureName {
        FeatureName(self.name)
    }
}

const fn seed(name: &'static str, description: &'static str, notes: Option<&'static str>) -> FeatureInfo {
    FeatureInfo { name, description, notes, since: None, deprecated: false, source: FeatureSource::SeedTable }
}

pub const FEATURES: &[FeatureInfo] = &[
    seed(
        "user_management",
        "Allows viewing company users and groups, and editing group memberships.",
        Some("Only effective if the group is assignable."),
    ),
    seed(
        "user_management_advanced",
        "Allows direct creation of users (bypassing invites) by admins and system users.",
        Some("Often also requires enabling at the organization level."),
    ),
    seed("permissions", "Enables editing of Role-Based Access Control (RBAC) rules.", None),
    seed(
        "applications",
        "Allows users to work with ClearML Applications (viewing, running).",
        Some("Excludes management operations (upload/delete)."),
    ),
    seed("app_management", "Allows application management operations: upload, delete, enable, disable.", None),
    FeatureInfo {
        deprecated: true,
        ..seed(
            "experiments",
            "Allows working with experiments.",
            Some("Deprecated/Not Used. All users have access regardless of this flag."),
        )
    },
    FeatureInfo {
        deprecated: true,
        ..seed(
            "queues",
            "Allows working with queues.",
            Some("Deprecated/Not Used. All users have access regardless of this flag."),
        )
    },
    seed("queue_management", "Allows create, update, and delete operations on queues.", None),
    seed(
        "data_management",
        "Controls access to Hyper-Datasets.",
        Some("Access may also depend on apiserver.services.excluded."),
    ),
    seed("config_vault", "Enables the configuration vaults feature.", None),
    seed("pipelines", "Enables access to Pipelines (building and running).", None),
    seed("reports", "Enables access to Reports.", None),
    seed("resource_dashboard", "Enables access to the orchestration dashboard feature.", None),
    seed("sso_management", "Enables the SSO (Single Sign-On) configuration wizard.", None),
    seed("service_users", "Enables support for creating and managing service users (API keys).", None),
    seed(
        "resource_policy",
        "Enables the Resource Policies feature.",
        Some("May default to a trial feature if not explicitly enabled."),
    ),
    seed("model_serving", "Enables access to the Model Endpoints feature.", None),
    seed("show_dashboard", "Makes the \"Dashboard\" menu item visible in the UI sidebar.", None),
    seed("show_model_view", "Makes the \"Models\" menu item visible in the UI sidebar.", None),
    seed("show_projects", "Makes the \"Projects\" menu item visible in the UI sidebar.", None),
    FeatureInfo {
        since: Some("3.25"),
        ..seed(
            "show_orchestration",
            "Makes the \"Orchestration\" menu item visible in the UI sidebar.",
            Some("Available from apiserver version 3.25"),
        )
    },
    FeatureInfo {
        since: Some("3.25"),
        ..seed(
            "show_datasets",
            "Makes the \"Datasets\" menu item visible in the UI sidebar.",
            Some("Available from apiserver version 3.25"),
        )
    },
    FeatureInfo {
        source: FeatureSource::ApiReference,
        ..seed(
            "show_app_gateways",
            "Makes the \"App Gateways\" menu item visible in the UI sidebar.",
            Some("Listed in the enterprise API reference, not in the seeds' table."),
        )
    },
    FeatureInfo {
        source: FeatureSource::ApiReference,
        ..seed(
            "project_workloads",
            "Enables the per-project workloads view.",
            Some("Listed in the enterprise API reference, not in the seeds' table."),
        )
    },
    FeatureInfo {
        source: FeatureSource::ApiReference,
        ..seed(
            "tenant_usages",
            "Enables the per-tenant resource usage reports.",
            Some("Listed in the enterprise API reference, not in the seeds' table."),
        )
    },
];

/// A feature name from the catalogue; the only way to get one is `parse`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "&'static str")]
pub struct FeatureName(&'static str);

// By hand: derived, the `&'static str` field would make only `'static` input deserializable.
impl<'de> Deserialize<'de> for FeatureName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl FeatureName {
    pub fn parse(name: &str) -> Result<Self, String> {
        FEATURES
            .iter()
            .find(|f| f.name == name)
            .map(|f| FeatureName(f.name))
            .ok_or_else(|| format!("Unknown feature \"{name}\": pick one from the feature catalogue"))
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }

    pub fn info(self) -> &'static FeatureInfo {
        FEATURES.iter().find(|f| f.name == self.0).expect("a FeatureName is always in the catalogue")
    }
}

/// The catalogue entries whose name, description, notes or version contain every word of
/// `query`, ignoring case; `deprecated` also finds the deprecated ones.
pub fn search(query: &str) -> Vec<&'static FeatureInfo> {
    let words: Vec<String> = query.split_whitespace().map(lowercase).collect();
    FEATURES
        .iter()
        .filter(|f| {
            let text = format!(
                "{} {} {} {} {}",
                f.name,
                f.description,
                f.notes.unwrap_or_default(),
                f.since.unwrap_or_default(),
                if f.deprecated { "deprecated" } else { "" }
            );
            let text = lowercase(&text);
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .collect()
}

/// Adds or removes a feature in a list kept in the catalogue's order.
pub fn toggle(list: &mut Vec<FeatureName>, feature: FeatureName, on: bool) {
    list.retain(|f| *f != feature);
    if on {
        list.push(feature);
        list.sort_by_key(|f| FEATURES.iter().position(|i| i.name == f.as_str()));
    }
}

impl From<FeatureName> for &'static str {
    fn from(f: FeatureName) -> &'static str {
        f.0
    }
}

impl fmt::Display for FeatureName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_holds_the_seed_table_and_the_api_reference_extras() {
        let seed_rows = FEATURES.iter().filter(|f| f.source == FeatureSource::SeedTable).count();
        assert_eq!(seed_rows, 22);
        for extra in ["show_app_gateways", "project_workloads", "tenant_usages"] {
            assert_eq!(FeatureName::parse(extra).unwrap().info().source, FeatureSource::ApiReference);
        }
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = FEATURES.iter().map(|f| f.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), FEATURES.len());
    }

    #[test]
    fn only_experiments_and_queues_are_deprecated() {
        let deprecated: Vec<_> = FEATURES.iter().filter(|f| f.deprecated).map(|f| f.name).collect();
        assert_eq!(deprecated, ["experiments", "queues"]);
    }

    #[test]
    fn unknown_feature_is_refused_with_its_message() {
        assert_eq!(
            FeatureName::parse("dashboards").unwrap_err(),
            "Unknown feature \"dashboards\": pick one from the feature catalogue"
        );
    }

    #[test]
    fn search_matches_every_word_in_any_column() {
        let names = |q: &str| search(q).iter().map(|f| f.name).collect::<Vec<_>>();
        assert_eq!(names("DEPRECATED"), ["experiments", "queues"]);
        assert_eq!(names("menu datasets"), ["show_datasets"]);
        assert_eq!(names("3.25"), ["show_orchestration", "show_datasets"]);
        assert_eq!(search("").len(), FEATURES.len());
        assert!(search("nothing matches this").is_empty());
    }

    #[test]
    fn toggling_keeps_the_catalogue_order() {
        let f = |n| FeatureName::parse(n).unwrap();
        let mut list = vec![f("reports")];
        toggle(&mut list, f("user_management"), true);
        toggle(&mut list, f("reports"), true);
        assert_eq!(list, [f("user_management"), f("reports")]);
        toggle(&mut list, f("reports"), false);
        assert_eq!(list, [f("user_management")]);
    }

    #[test]
    fn feature_names_round_trip_through_json() {
        let f: FeatureName = serde_json::from_str("\"show_datasets\"").unwrap();
        assert_eq!(f.info().since, Some("3.25"));
        assert_eq!(serde_json::to_string(&f).unwrap(), "\"show_datasets\"");
        assert!(serde_json::from_str::<FeatureName>("\"nope\"").is_err());
    }
}
