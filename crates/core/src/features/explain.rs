//! Which features a user of a tenant gets, and why. Following the seed's "Feature Assignment
//! Strategy": a user's features are the union over their groups (every user is in `users`; a
//! `users` group with no list set passes on all the tenant's features), and a group's feature
//! counts only where the tenant or the server enables it. The users group's list is the global
//! whitelist: a feature it leaves out reaches only users of a group that grants it.

use crate::clearml::wire::CompanySettings;
use crate::features::feature::{FeatureName, FEATURES};
use crate::features::group::{BuiltinGroup, GroupDesign};

/// One link of the reason chain; `holds` says whether it counts for the feature or against it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub holds: bool,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub feature: FeatureName,
    pub granted: bool,
    pub reasons: Vec<Reason>,
}

fn reason(holds: bool, text: impl Into<String>) -> Reason {
    Reason { holds, text: text.into() }
}

fn listed(list: &[String], f: FeatureName) -> bool {
    list.iter().any(|x| x == f.as_str())
}

/// Every catalogue feature for a user of `tenant` in the users group and in `member_of`
/// (group keys, built-in or cross-tenant).
pub fn explain(
    organization_features: &[FeatureName],
    tenant: &CompanySettings,
    design: &GroupDesign,
    member_of: &[String],
) -> Vec<Verdict> {
    let builtin = |g: BuiltinGroup| member_of.iter().any(|k| k == g.key()).then(|| design.builtin_features(g));
    let mut groups: Vec<(&str, Option<&[FeatureName]>)> = vec![("users", design.whitelist())];
    groups.extend(
        [BuiltinGroup::Admins, BuiltinGroup::QueueAdmins].into_iter().filter_map(|g| Some((g.key(), builtin(g)?))),
    );
    groups.extend(
        design
            .custom
            .iter()
            .filter(|g| member_of.iter().any(|k| k == g.key.trim()))
            .map(|g| (g.key.trim(), Some(g.features.as_slice()))),
    );

    FEATURES
        .iter()
        .map(|info| {
            let f = info.feature();
            if info.deprecated {
                return Verdict {
                    feature: f,
                    granted: true,
                    reasons: vec![reason(true, "Deprecated: all users have access regardless of this flag.")],
                };
            }
            let granting: Vec<String> = groups
                .iter()
                .filter(|(_, list)| list.is_none_or(|l| l.contains(&f)))
                .map(|(key, list)| match list {
                    Some(_) => format!("\"{key}\""),
                    None => format!("\"{key}\" (no list set, so every feature the tenant has)"),
                })
                .collect();
            // Granting is empty only when users has a list: without one, users passes everything.
            let mut reasons = vec![if granting.is_empty() {
                reason(
                    false,
                    "The users group's list (the global whitelist) leaves it out, and no other group of this user grants it.",
                )
            } else {
                reason(true, format!("Granted by {}.", granting.join(", ")))
            }];
            let by_server = organization_features.contains(&f);
            let enabled = if listed(&tenant.exclude_features, f) {
                reasons.push(reason(false, "The tenant excludes it."));
                false
            } else if listed(&tenant.features, f) {
                reasons.push(reason(true, "The tenant enables it."));
                true
            } else if by_server {
                reasons.push(reason(true, "The server enables it for the whole organization."));
                true
            } else {
                reasons.push(reason(false, "Neither the tenant nor the server enables it."));
                false
            };
            Verdict { feature: f, granted: enabled && !granting.is_empty(), reasons }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::group::GroupDraft;

    fn f(name: &str) -> FeatureName {
        FeatureName::parse(name).unwrap()
    }

    fn tenant(features: &[&str], excluded: &[&str]) -> CompanySettings {
        CompanySettings {
            allowed_users: None,
            features: features.iter().map(|s| s.to_string()).collect(),
            exclude_features: excluded.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn design(users: Option<&[&str]>) -> GroupDesign {
        let mut d = GroupDesign {
            custom: vec![GroupDraft {
                key: "mlops".into(),
                features: vec![f("pipelines"), f("reports")],
                ..Default::default()
            }],
            ..Default::default()
        };
        if let Some(users) = users {
            d.builtin.insert(BuiltinGroup::Users, users.iter().map(|n| f(n)).collect());
        }
        d
    }

    fn verdict(all: &[Verdict], name: &str) -> (bool, Vec<String>) {
        let v = all.iter().find(|v| v.feature == f(name)).unwrap();
        (v.granted, v.reasons.iter().map(|r| r.text.clone()).collect())
    }

    #[test]
    fn users_without_a_list_pass_on_what_the_tenant_enables() {
        let all = explain(&[], &tenant(&["pipelines"], &[]), &design(None), &[]);
        assert_eq!(
            verdict(&all, "pipelines"),
            (
                true,
                vec![
                    "Granted by \"users\" (no list set, so every feature the tenant has).".into(),
                    "The tenant enables it.".into()
                ]
            )
        );
        assert_eq!(verdict(&all, "reports").1[1], "Neither the tenant nor the server enables it.");
        assert!(!verdict(&all, "reports").0);
    }

    #[test]
    fn the_whitelist_leaves_out_what_no_other_group_grants() {
        let all = explain(&[f("reports")], &tenant(&["pipelines"], &[]), &design(Some(&["applications"])), &[]);
        assert_eq!(
            verdict(&all, "pipelines"),
            (
                false,
                vec![
                    "The users group's list (the global whitelist) leaves it out, and no other group of this user grants it."
                        .into(),
                    "The tenant enables it.".into()
                ]
            )
        );
    }

    #[test]
    fn groups_add_up_and_the_server_can_enable() {
        let member = ["mlops".to_owned()];
        let all = explain(&[f("reports")], &tenant(&[], &[]), &design(Some(&["reports"])), &member);
        assert_eq!(
            verdict(&all, "reports"),
            (
                true,
                vec![
                    "Granted by \"users\", \"mlops\".".into(),
                    "The server enables it for the whole organization.".into()
                ]
            )
        );
    }

    #[test]
    fn the_tenants_exclusion_wins_over_the_server() {
        let member = ["mlops".to_owned()];
        let all = explain(&[f("pipelines")], &tenant(&[], &["pipelines"]), &design(Some(&[])), &member);
        assert_eq!(
            verdict(&all, "pipelines"),
            (false, vec!["Granted by \"mlops\".".into(), "The tenant excludes it.".into()])
        );
    }

    #[test]
    fn built_in_groups_count_only_with_a_list_and_membership() {
        let mut d = design(Some(&[]));
        d.builtin.insert(BuiltinGroup::Admins, vec![f("sso_management")]);
        let t = tenant(&["sso_management"], &[]);
        assert!(!verdict(&explain(&[], &t, &d, &[]), "sso_management").0);
        let all = explain(&[], &t, &d, &["admins".to_owned()]);
        assert_eq!(verdict(&all, "sso_management").1[0], "Granted by \"admins\".");
        assert_eq!(
            verdict(&all, "reports").1[0],
            "The users group's list (the global whitelist) leaves it out, and no other group of this user grants it."
        );
    }

    #[test]
    fn deprecated_features_reach_everyone() {
        let all = explain(&[], &tenant(&[], &["queues"]), &design(Some(&[])), &[]);
        assert_eq!(
            verdict(&all, "queues"),
            (true, vec!["Deprecated: all users have access regardless of this flag.".into()])
        );
    }
}
