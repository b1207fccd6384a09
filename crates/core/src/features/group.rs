//! Cross-tenant groups, as the apiserver reads them from
//! `CLEARML__services__auth__default_groups__<GroupName>__<property>`, and the built-in groups
//! whose feature lists may be overridden the same way.

use crate::features::feature::FeatureName;
use crate::names::readable_name::{NameMessages, NameRules};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// The groups every ClearML installation has; only their `features` may be set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum BuiltinGroup {
    Users,
    Admins,
    QueueAdmins,
}

impl BuiltinGroup {
    pub const ALL: [BuiltinGroup; 3] = [BuiltinGroup::Users, BuiltinGroup::Admins, BuiltinGroup::QueueAdmins];

    pub fn key(self) -> &'static str {
        match self {
            BuiltinGroup::Users => "users",
            BuiltinGroup::Admins => "admins",
            BuiltinGroup::QueueAdmins => "queue_admins",
        }
    }

    pub fn about(self) -> &'static str {
        match self {
            BuiltinGroup::Users => {
                "Every registered user. Its list is the baseline everyone gets: the global whitelist."
            }
            BuiltinGroup::Admins => "Users with administrative privileges.",
            BuiltinGroup::QueueAdmins => "Users who manage task execution queues.",
        }
    }

    fn named(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.key().eq_ignore_ascii_case(key))
    }
}

pub const GROUP_NAME_REQUIRED: &str = "Enter the group's display name.";
pub const GROUP_NAME_CONTROL: &str =
    "A group's display name cannot contain control characters (a line break, a tab, an escape code).";
pub const GROUP_NAME_BIDI: &str = "A group's display name cannot contain direction overrides (U+202A–U+202E, U+2066–U+2069): they make a name read differently from what it is.";
pub const GROUP_NAME_INVISIBLE: &str = "A group's display name needs visible characters.";
pub const GROUP_NAME_TOO_LONG: &str = "A group's display name has at most 100 characters.";

/// What users see as the group's name: the readability rules of tenant and user names.
const GROUP_DISPLAY_NAME: NameRules = NameRules {
    min_chars: 1,
    max_chars: 100,
    messages: NameMessages {
        required: GROUP_NAME_REQUIRED,
        control: GROUP_NAME_CONTROL,
        bidi: GROUP_NAME_BIDI,
        invisible: GROUP_NAME_INVISIBLE,
        too_short: GROUP_NAME_REQUIRED,
        too_long: GROUP_NAME_TOO_LONG,
    },
};

/// A group name that fits the variable path: letters, digits and single underscores.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupName(String);

impl GroupName {
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s.is_empty() {
            return Err("Enter a group name.".into());
        }
        if !s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(format!(
                "\"{s}\" can't be a group name: use letters, digits and underscores only (it becomes part of an environment variable name)."
            ));
        }
        if s.starts_with('_') || s.ends_with('_') || s.contains("__") {
            return Err(format!(
                "\"{s}\" can't be a group name: the apiserver reads \"__\" as a path separator, so no leading, trailing or double underscores."
            ));
        }
        if let Some(builtin) = BuiltinGroup::named(s) {
            return Err(format!("\"{}\" is a built-in group: set its features under Built-in groups.", builtin.key()));
        }
        Ok(GroupName(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for GroupName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A group id: a UUID in its hyphenated form, lower-cased.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GroupId(String);

impl GroupId {
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        match uuid::Uuid::try_parse(s) {
            Ok(id) if s.len() == 36 && !id.is_nil() => Ok(GroupId(id.hyphenated().to_string())),
            _ => Err(format!("\"{s}\" is not a UUID (like 6f1c2d4e-8a7b-4c3d-9e2f-1a2b3c4d5e6f): generate a new id.")),
        }
    }

    /// A version-4 UUID from 16 random bytes, which the caller takes from a secure source.
    pub fn from_random_bytes(bytes: [u8; 16]) -> Self {
        GroupId(uuid::Builder::from_random_bytes(bytes).into_uuid().hyphenated().to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A custom group as typed in the designer; `CrossTenantGroup` is what it becomes once valid.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupDraft {
    pub key: String,
    pub id: String,
    pub name: String,
    pub features: Vec<FeatureName>,
    pub assignable: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CrossTenantGroup {
    pub key: GroupName,
    pub id: GroupId,
    pub name: String,
    pub features: Vec<FeatureName>,
    pub assignable: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum GroupField {
    Key,
    Id,
    Name,
}

/// Errors of the designer, keyed by the custom group's position and its field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupErrors(BTreeMap<(usize, GroupField), String>);

impl GroupErrors {
    pub fn get(&self, group: usize, field: GroupField) -> Option<&str> {
        self.0.get(&(group, field)).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// The seed's two strategies for the users group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UsersPreset {
    /// Only what every user should always have.
    MinimumShared,
    /// `[]`: users get only what their other groups grant.
    Empty,
}

impl UsersPreset {
    pub fn features(self) -> Vec<FeatureName> {
        match self {
            UsersPreset::MinimumShared => ["applications", "show_dashboard", "show_projects", "show_model_view"]
                .into_iter()
                .map(|f| FeatureName::parse(f).expect("preset features are in the catalogue"))
                .collect(),
            UsersPreset::Empty => Vec::new(),
        }
    }
}

/// All groups the server configuration defines: overrides of the built-in groups' feature lists
/// (`None` leaves the server's own) and the cross-tenant groups.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupDesign {
    pub builtin: BTreeMap<BuiltinGroup, Vec<FeatureName>>,
    pub custom: Vec<GroupDraft>,
}

impl GroupDesign {
    pub fn builtin_features(&self, group: BuiltinGroup) -> Option<&[FeatureName]> {
        self.builtin.get(&group).map(Vec::as_slice)
    }

    /// The users group's list: the global whitelist, when set.
    pub fn whitelist(&self) -> Option<&[FeatureName]> {
        self.builtin_features(BuiltinGroup::Users)
    }

    /// Adds a cross-tenant group with the given id, named `group_<n>` after the first free number,
    /// so that a new group is valid before anything is typed.
    pub fn add(&mut self, id: String) {
        let taken = |k: &str| self.custom.iter().any(|g| g.key.trim().eq_ignore_ascii_case(k));
        let key = (self.custom.len() + 1..).map(|i| format!("group_{i}")).find(|k| !taken(k)).expect("unbounded");
        self.custom.push(GroupDraft { name: key.clone(), key, id, ..Default::default() });
    }

    /// Every custom group checked, each field's first problem reported at once.
    pub fn validate(&self) -> Result<Vec<CrossTenantGroup>, GroupErrors> {
        let mut errors = BTreeMap::new();
        let mut keys: HashMap<String, usize> = HashMap::new();
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut groups = Vec::new();
        for (i, draft) in self.custom.iter().enumerate() {
            let key = GroupName::parse(&draft.key).and_then(|key| {
                // The apiserver lower-cases the variable path, so names differing in case collide.
                match keys.insert(key.as_str().to_ascii_lowercase(), i) {
                    Some(first) => Err(format!(
                        "Group {} is already named \"{}\": the apiserver reads names without case, so each must differ by more than case.",
                        first + 1,
                        self.custom[first].key.trim()
                    )),
                    None => Ok(key),
                }
            });
            let id = GroupId::parse(&draft.id).and_then(|id| match ids.insert(id.as_str().to_owned(), i) {
                Some(first) => Err(format!("Group {} already has this id: generate a new one.", first + 1)),
                None => Ok(id),
            });
            let name = GROUP_DISPLAY_NAME.check(&draft.name);
            if let Err(problem) = name {
                errors.insert((i, GroupField::Name), problem.to_owned());
            }
            match (key, id, name) {
                (Ok(key), Ok(id), Ok(name)) => groups.push(CrossTenantGroup {
                    key,
                    id,
                    name: name.to_owned(),
                    features: draft.features.clone(),
                    assignable: draft.assignable,
                }),
                (key, id, _) => {
                    if let Err(e) = key {
                        errors.insert((i, GroupField::Key), e);
                    }
                    if let Err(e) = id {
                        errors.insert((i, GroupField::Id), e);
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(groups)
        } else {
            Err(GroupErrors(errors))
        }
    }

    /// Allowed but probably not meant, as (group, message): a feature no tenant and not the
    /// server enables does nothing in a group; deprecated features do nothing anywhere; a display
    /// name the seed says should match the path name.
    pub fn warnings(&self, enabled_somewhere: impl Fn(FeatureName) -> bool) -> Vec<(String, String)> {
        let builtin = self.builtin.iter().map(|(g, features)| (g.key().to_owned(), features));
        let custom = self.custom.iter().map(|g| (g.key.trim().to_owned(), &g.features));
        let mut out = Vec::new();
        for (group, features) in builtin.chain(custom) {
            for &f in features {
                if f.info().deprecated {
                    out.push((
                        group.clone(),
                        format!(
                            "\"{f}\" is deprecated and does nothing: all users have access regardless of this flag."
                        ),
                    ));
                } else if !enabled_somewhere(f) {
                    out.push((group.clone(), not_enabled_warning(f)));
                }
            }
        }
        for g in &self.custom {
            let (key, name) = (g.key.trim(), g.name.trim());
            if !key.is_empty() && !name.is_empty() && key != name {
                out.push((
                    key.to_owned(),
                    format!("The seed asks for the display name to match the name in the variable path (\"{key}\")."),
                ));
            }
        }
        out
    }
}

pub fn not_enabled_warning(f: FeatureName) -> String {
    format!("\"{f}\" has effect only where the tenant or the server enables it, and neither the server nor any tenant does yet.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(name: &str) -> FeatureName {
        FeatureName::parse(name).unwrap()
    }

    fn draft(key: &str, id: &str, name: &str) -> GroupDraft {
        GroupDraft {
            key: key.into(),
            id: id.into(),
            name: name.into(),
            features: vec![f("pipelines")],
            assignable: false,
        }
    }

    const ID1: &str = "6f1c2d4e-8a7b-4c3d-9e2f-1a2b3c4d5e6f";
    const ID2: &str = "0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d";

    #[test]
    fn group_names_fit_the_variable_path() {
        assert_eq!(GroupName::parse(" Data_Scientists ").unwrap().as_str(), "Data_Scientists");
        assert_eq!(GroupName::parse("  ").unwrap_err(), "Enter a group name.");
        assert_eq!(
            GroupName::parse("ml-ops").unwrap_err(),
            "\"ml-ops\" can't be a group name: use letters, digits and underscores only (it becomes part of an environment variable name)."
        );
        assert_eq!(
            GroupName::parse("ml__ops").unwrap_err(),
            "\"ml__ops\" can't be a group name: the apiserver reads \"__\" as a path separator, so no leading, trailing or double underscores."
        );
        assert!(GroupName::parse("_ops").is_err());
        assert_eq!(
            GroupName::parse("Queue_Admins").unwrap_err(),
            "\"queue_admins\" is a built-in group: set its features under Built-in groups."
        );
    }

    #[test]
    fn the_seeds_example_id_is_not_a_uuid() {
        assert_eq!(
            GroupId::parse("abcd-1234-abcd-1234").unwrap_err(),
            "\"abcd-1234-abcd-1234\" is not a UUID (like 6f1c2d4e-8a7b-4c3d-9e2f-1a2b3c4d5e6f): generate a new id."
        );
        assert!(GroupId::parse("00000000-0000-0000-0000-000000000000").is_err());
        assert!(GroupId::parse("6f1c2d4e8a7b4c3d9e2f1a2b3c4d5e6f").is_err(), "only the hyphenated form");
        assert_eq!(GroupId::parse(&ID1.to_uppercase()).unwrap().as_str(), ID1);
    }

    #[test]
    fn generated_ids_are_version_4() {
        let id = GroupId::from_random_bytes([0xff; 16]);
        assert_eq!(id.as_str(), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(GroupId::parse(id.as_str()).unwrap(), id);
    }

    #[test]
    fn a_valid_design_becomes_groups() {
        let design = GroupDesign { custom: vec![draft("mlops", ID1, "MLOps Team")], ..Default::default() };
        let groups = design.validate().unwrap();
        assert_eq!(groups[0].key.as_str(), "mlops");
        assert_eq!(groups[0].name, "MLOps Team");
    }

    #[test]
    fn names_and_ids_must_differ_between_groups() {
        let design = GroupDesign {
            custom: vec![draft("mlops", ID1, "mlops"), draft("MLOps", ID1, ""), draft("other", ID2, "other")],
            ..Default::default()
        };
        let errors = design.validate().unwrap_err();
        assert_eq!(
            errors.get(1, GroupField::Key),
            Some("Group 1 is already named \"mlops\": the apiserver reads names without case, so each must differ by more than case.")
        );
        assert_eq!(errors.get(1, GroupField::Id), Some("Group 1 already has this id: generate a new one."));
        assert_eq!(errors.get(1, GroupField::Name), Some("Enter the group's display name."));
        assert_eq!(errors.len(), 3);
    }

    #[test]
    fn a_display_name_reads_as_it_is() {
        let design = GroupDesign {
            custom: vec![
                draft("a", ID1, "Team\u{1b}[31m"),
                draft("b", ID2, "\u{202E}maeT"),
                draft("c", "9a1f0c2e-4b7d-4e8a-9c3b-2d5e6f708192", "\u{200B}"),
            ],
            ..Default::default()
        };
        let errors = design.validate().unwrap_err();
        assert_eq!(errors.get(0, GroupField::Name), Some(GROUP_NAME_CONTROL));
        assert_eq!(errors.get(1, GroupField::Name), Some(GROUP_NAME_BIDI));
        assert_eq!(errors.get(2, GroupField::Name), Some(GROUP_NAME_INVISIBLE));
    }

    #[test]
    fn warns_of_features_nothing_enables_and_of_deprecated_ones() {
        let mut design = GroupDesign { custom: vec![draft("mlops", ID1, "MLOps Team")], ..Default::default() };
        design.builtin.insert(BuiltinGroup::Users, vec![f("queues"), f("reports")]);
        let warnings = design.warnings(|feature| feature == f("reports"));
        assert_eq!(
            warnings,
            [
                (
                    "users".to_owned(),
                    "\"queues\" is deprecated and does nothing: all users have access regardless of this flag.".to_owned()
                ),
                (
                    "mlops".to_owned(),
                    "\"pipelines\" has effect only where the tenant or the server enables it, and neither the server nor any tenant does yet.".to_owned()
                ),
                (
                    "mlops".to_owned(),
                    "The seed asks for the display name to match the name in the variable path (\"mlops\").".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn added_groups_take_the_first_free_name_and_are_valid() {
        let mut design = GroupDesign { custom: vec![draft("Group_2", ID1, "Group_2")], ..Default::default() };
        design.add(ID2.into());
        assert_eq!((design.custom[1].key.as_str(), design.custom[1].name.as_str()), ("group_3", "group_3"));
        assert!(design.validate().is_ok());
    }

    #[test]
    fn users_presets_are_the_seeds_two_strategies() {
        assert!(UsersPreset::Empty.features().is_empty());
        assert!(UsersPreset::MinimumShared.features().contains(&f("applications")));
    }
}
