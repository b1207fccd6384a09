//! The group designer: feature lists of the built-in groups and the cross-tenant groups, with
//! the apiserver variables they become. The full server file is under Server configuration.

use crate::components::export_panel::ExportPanel;
use crate::components::feature_checklist::FeatureChecklist;
use crate::components::page_header::PageHeader;
use crate::components::tenants_store::TenantsStore;
use crate::routes::AppRoute;
use crate::server_design::{new_group_id, ServerDesign};
use leptos::prelude::*;
use std::collections::HashSet;
use tenantry_core::export::server_config::{compose_override, group_env_vars, helm_server_values};
use tenantry_core::features::feature::toggle;
use tenantry_core::features::group::{BuiltinGroup, GroupDraft, GroupErrors, GroupField, UsersPreset};
use tenantry_core::FeatureName;

/// Features the server or at least one tenant enables: a group's feature outside these does nothing.
fn enabled_somewhere() -> Memo<HashSet<FeatureName>> {
    let design = ServerDesign::get();
    let store = TenantsStore::get();
    Memo::new(move |_| match store.loaded() {
        Some(Ok(index)) => design.0.with(|c| c.features_enabled_somewhere(index.companies())),
        _ => design.0.with(|c| c.features_enabled_somewhere(&[])),
    })
}

#[component]
pub fn GroupsPage() -> impl IntoView {
    let design = ServerDesign::get().0;
    let enabled = enabled_somewhere();
    let warnings = Memo::new(move |_| enabled.with(|on| design.with(|c| c.groups.warnings(|f| on.contains(&f)))));
    // Checked once per change, for the export and for every card's errors.
    let checked = Memo::new(move |_| design.with(|c| c.groups.validate()));
    let errors = Memo::new(move |_| checked.with(|r| r.clone().err().unwrap_or_default()));
    let exports = Memo::new(move |_| {
        checked.with(|r| {
            r.as_ref()
                .map(|groups| {
                    let env = design.with(|c| group_env_vars(&c.groups, groups));
                    (helm_server_values(&env, &[], false), compose_override(&env, &[]))
                })
                .map_err(GroupErrors::len)
        })
    });
    let add = move |_| design.update(|c| c.groups.add(new_group_id()));
    view! {
        <PageHeader title="Groups"/>
        <p class="page-lede">
            "Groups defined in the apiserver's configuration apply in every tenant. A user's features are the union over "
            "their groups, and each counts only where the tenant or the server enables it ("
            <a href=AppRoute::EffectiveFeatures(None).href()>"see the explainer"</a>"). These variables are also part of "
            <a href=AppRoute::ServerConfig.href()>"the server configuration"</a>"."
        </p>
        <h2>"Built-in groups"</h2>
        <div class="group-cards">
            {BuiltinGroup::ALL.into_iter().map(|g| view! { <BuiltinGroupCard group=g warnings=warnings/> }).collect_view()}
        </div>
        <h2>"Cross-tenant groups"</h2>
        <div class="group-cards" data-testid="custom-groups">
            <For each=move || 0..design.with(|c| c.groups.custom.len()) key=|i| *i let:index>
                <CustomGroupCard index=index warnings=warnings errors=errors/>
            </For>
        </div>
        <button class="btn" type="button" data-testid="add-group" on:click=add>"Add group"</button>
        <h2>"Export"</h2>
        {move || match exports.get() {
            Ok((helm, compose)) => view! {
                <ExportPanel title="Helm" filename="clearml-values.override.yaml" text=helm.clone() shown=helm
                    note="Merge into apiserver.extraEnvs of the server's values." test_id="groups-helm"/>
                <ExportPanel title="docker-compose" filename="docker-compose.override.yml" text=compose.clone() shown=compose test_id="groups-compose"/>
            }.into_any(),
            Err(count) => view! {
                <p class="alert alert-warning" role="status" data-testid="groups-invalid">
                    {format!("Fix the {} problem(s) marked above to see the export.", count)}
                </p>
            }.into_any(),
        }}
    }
}

fn group_warnings(
    warnings: Memo<Vec<(String, String)>>,
    key: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <ul class="warnings">
            {move || {
                let key = key();
                warnings.with(|w| w.iter().filter(|(g, _)| *g == key).map(|(_, m)| view! { <li class="warning" data-testid="group-warning">{m.clone()}</li> }).collect_view())
            }}
        </ul>
    }
}

#[component]
fn BuiltinGroupCard(group: BuiltinGroup, warnings: Memo<Vec<(String, String)>>) -> impl IntoView {
    let design = ServerDesign::get().0;
    let key = group.key();
    let list = move || design.with(|c| c.groups.builtin_features(group).map(<[FeatureName]>::to_vec));
    let set = move |features: Option<Vec<FeatureName>>| {
        design.update(|c| match features {
            Some(f) => {
                c.groups.builtin.insert(group, f);
            }
            None => {
                c.groups.builtin.remove(&group);
            }
        })
    };
    let on_toggle =
        Callback::new(move |(f, on)| design.update(|c| toggle(c.groups.builtin.entry(group).or_default(), f, on)));
    view! {
        <section class="card group-card" data-group=key>
            <h3><code>{key}</code></h3>
            <p class="hint">{group.about()}</p>
            <label class="checkbox">
                <input type="checkbox" data-testid=format!("set-{key}") prop:checked=move || list().is_some()
                    on:change=move |ev| set(event_target_checked(&ev).then(Vec::new))/>
                "Set a features list"
                {(group == BuiltinGroup::Users).then_some(" (otherwise every user gets all the tenant's features)")}
            </label>
            {(group == BuiltinGroup::Users).then(|| view! {
                <div class="presets" role="group" aria-label="The seed's strategies for the users group">
                    <button class="btn btn-small" type="button" data-testid="preset-minimum" on:click=move |_| set(Some(UsersPreset::MinimumShared.features()))>"Minimum shared features"</button>
                    <button class="btn btn-small" type="button" data-testid="preset-empty" on:click=move |_| set(Some(UsersPreset::Empty.features()))>"Empty list: only other groups grant"</button>
                </div>
            })}
            <Show when=move || list().is_some()>
                <FeatureChecklist selected=Signal::derive(move || list().unwrap_or_default()) on_toggle=on_toggle
                    id_prefix=format!("builtin-{key}") label=format!("Features of {key}")/>
            </Show>
            {group_warnings(warnings, move || key.to_owned())}
        </section>
    }
}

#[component]
fn CustomGroupCard(index: usize, warnings: Memo<Vec<(String, String)>>, errors: Memo<GroupErrors>) -> impl IntoView {
    let design = ServerDesign::get().0;
    let get = move |read: fn(&GroupDraft) -> String| {
        move || design.with(|c| c.groups.custom.get(index).map(read).unwrap_or_default())
    };
    let edit = move |write: fn(&mut GroupDraft, String)| {
        move |ev| {
            let value = event_target_value(&ev);
            design.update(|c| {
                if let Some(g) = c.groups.custom.get_mut(index) {
                    write(g, value)
                }
            })
        }
    };
    let error = move |field| {
        move || {
            errors.with(|e| {
                e.get(index, field)
                    .map(|m| view! { <p class="field-error" data-testid="group-error">{m.to_owned()}</p> })
            })
        }
    };
    let features = Signal::derive(move || {
        design.with(|c| c.groups.custom.get(index).map(|g| g.features.clone()).unwrap_or_default())
    });
    let on_toggle = Callback::new(move |(f, on)| {
        design.update(|c| {
            if let Some(g) = c.groups.custom.get_mut(index) {
                toggle(&mut g.features, f, on)
            }
        })
    });
    let id = |field: &str| format!("group-{index}-{field}");
    let key = get(|g| g.key.trim().to_owned());
    view! {
        <section class="card group-card" data-testid="custom-group">
            <div class="group-fields">
                <div class="field">
                    <label for=id("key")>"Name in the variable path"</label>
                    <input id=id("key") data-testid="group-key" prop:value=get(|g| g.key.clone()) on:input=edit(|g, v| g.key = v)/>
                    <p class="hint"><code>{move || format!("CLEARML__services__auth__default_groups__{}__…", key())}</code></p>
                    {error(GroupField::Key)}
                </div>
                <div class="field">
                    <label for=id("name")>"Display name"</label>
                    <input id=id("name") data-testid="group-name" prop:value=get(|g| g.name.clone()) on:input=edit(|g, v| g.name = v)/>
                    {error(GroupField::Name)}
                </div>
                <div class="field">
                    <label for=id("id")>"Id (UUID)"</label>
                    <div class="input-row">
                        <input id=id("id") class="mono" data-testid="group-id" prop:value=get(|g| g.id.clone()) on:input=edit(|g, v| g.id = v)/>
                        <button class="btn btn-small" type="button" on:click=move |_| design.update(|c| c.groups.custom[index].id = new_group_id())>"New id"</button>
                    </div>
                    {error(GroupField::Id)}
                </div>
            </div>
            <label class="checkbox">
                <input type="checkbox" data-testid="group-assignable"
                    prop:checked=move || design.with(|c| c.groups.custom.get(index).is_some_and(|g| g.assignable))
                    on:change=move |ev| design.update(|c| c.groups.custom[index].assignable = event_target_checked(&ev))/>
                "Assignable: tenant admins may add users to it in the web UI"
            </label>
            <p class="hint">"system is always false for groups defined here."</p>
            <FeatureChecklist selected=features on_toggle=on_toggle id_prefix=id("feature") label="Features of this group"/>
            {group_warnings(warnings, key)}
            <div class="form-actions">
                <button class="btn btn-danger" type="button" data-testid="remove-group"
                    on:click=move |_| design.update(|c| { c.groups.custom.remove(index); })>"Remove group"</button>
            </div>
        </section>
    }
}
