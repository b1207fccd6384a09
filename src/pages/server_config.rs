//! The server configuration generator: the supervisor block, tenant-wide switches, organization
//! features, per-tenant applications and the designed groups, as the files an operator deploys.

use crate::components::export_panel::{saved_and_shown, ExportPanel};
use crate::components::feature_checklist::FeatureChecklist;
use crate::components::field::{email_sent_as, Checkbox, TextField, TextValue};
use crate::components::name_checklist::NameChecklist;
use crate::components::page_header::PageHeader;
use crate::components::tenant_options::TenantOptions;
use crate::routes::AppRoute;
use crate::server_design::ServerDesign;
use crate::session::Auth;
use leptos::prelude::*;
use tenantry_core::export::server_config::{
    compose_override, helm_agent_values, helm_server_values, masked, ConfigField, MenuChoice, MenuItem, ServerConfig,
    UiRole,
};
use tenantry_core::features::feature::toggle;

const MENU_CHOICES: [(MenuChoice, &str); 3] =
    [(MenuChoice::ServerDefault, "Server default"), (MenuChoice::Show, "Show"), (MenuChoice::Hide, "Hide")];

#[component]
pub fn ServerConfigPage() -> impl IntoView {
    let design = ServerDesign::get().0;
    let env = Memo::new(move |_| design.with(ServerConfig::env_vars));
    let error = move |field| {
        Signal::derive(move || env.with(|r| r.as_ref().err().and_then(|e| e.get(field)).map(str::to_owned)))
    };
    let reveal = RwSignal::new(false);
    let per_tenant = move || design.with(|c| c.per_tenant_apps);
    let files = move |masked_secret: bool| {
        env.with(|r| {
            r.as_ref().ok().map(|env| {
                let env = if masked_secret { masked(env) } else { env.clone() };
                (helm_server_values(&env, &[], per_tenant()), compose_override(&env, &[]))
            })
        })
    };
    let (real, shown) = saved_and_shown(reveal.into(), files);
    // Groups are the designer's; everything else returns to the seed's values, with the
    // supervisor's own company as the one that sees all resource usage.
    let own_company = expect_context::<Auth>().session_untracked().map(|s| s.user.company.id).unwrap_or_default();
    let reset = move || {
        design.update(|c| {
            let groups = std::mem::take(&mut c.groups);
            *c = ServerConfig { groups, resource_usage_company: own_company.clone(), ..Default::default() }
        })
    };
    let usage_company = TextValue::of(design, |c| &c.resource_usage_company, |c| &mut c.resource_usage_company);
    let supervisor_email = TextValue::of(design, |c| &c.supervisor.email, |c| &mut c.supervisor.email);
    let on_org_feature = Callback::new(move |(f, on)| design.update(|c| toggle(&mut c.organization_features, f, on)));
    view! {
        <PageHeader title="Server configuration">
            <button class="btn" type="button" data-testid="reset-config" on:click=move |_| reset()>"Start from the seed's values"</button>
        </PageHeader>
        <p class="page-lede">
            "What the apiserver of a multi-tenant install needs in its environment. Nothing here is sent anywhere: "
            "copy or download the files below. Groups come from "<a href=AppRoute::Groups.href()>"the group designer"</a>"."
        </p>
        <div class="form">
                <section class="form">
                    <h2>"Supervisor"</h2>
                    <p class="hint">"The system-role user that signs in to the web UI and to this console (role " <code>"system"</code> ")."</p>
                    <div class="form-grid">
                        <TextField id="supervisor-key" label="Key" value=TextValue::of(design, |c| &c.supervisor.user_key, |c| &mut c.supervisor.user_key)
                            error=error(ConfigField::SupervisorKey) hint="Empty leaves the seed's placeholder." autocomplete="off"/>
                        <TextField id="supervisor-secret" label="Secret" input_type="password" value=TextValue::of(design, |c| &c.supervisor.user_secret, |c| &mut c.supervisor.user_secret)
                            error=error(ConfigField::SupervisorSecret) hint="Kept in memory only; masked below unless revealed." autocomplete="off"/>
                        <TextField id="supervisor-email" label="Email" input_mode="email" value=supervisor_email sent_as=email_sent_as(supervisor_email)
                            error=error(ConfigField::SupervisorEmail) hint="Written quoted twice, as the apiserver needs."/>
                    </div>
                    <Checkbox form=design read=|f| f.supervisor.allow_login write=|f, on| f.supervisor.allow_login = on label="May sign in to the web UI (allow_login)"/>
                    <fieldset class="inline-checks">
                        <legend>"Groups of the supervisor (sec_groups)"</legend>
                        <NameChecklist names=Signal::derive(move || design.with(ServerConfig::group_keys)) form=design
                            picked=|c| &c.supervisor.sec_groups picked_mut=|c| &mut c.supervisor.sec_groups test_id_prefix="sec-group-"/>
                    </fieldset>
                    {move || error(ConfigField::SecGroups).get().map(|e| view! { <p class="field-error">{e}</p> })}
                </section>
                <section class="form">
                    <h2>"Tenants"</h2>
                    <Checkbox form=design read=|f| f.unique_names write=|f, on| f.unique_names = on label="Tenant names must be unique (company unique_names)"/>
                    <div class="form-grid">
                        <TextField id="usage-company" label="Company that sees all resource usage"
                            value=usage_company error=error(ConfigField::ResourceUsageCompany)
                            hint="Starts as your own company; empty leaves it unset."/>
                        <div class="field">
                            <label for="usage-company-pick">"Or pick a tenant"</label>
                            <select id="usage-company-pick" on:change=move |ev| usage_company.set(event_target_value(&ev))>
                                <option value="" selected=true disabled=true>"Tenants…"</option>
                                <TenantOptions selected=usage_company/>
                            </select>
                        </div>
                    </div>
                    <Checkbox form=design read=|c| c.per_tenant_apps write=|c, on| c.per_tenant_apps = on
                        label="Applications run per tenant (queueMode per_tenant, one Apps Agent per tenant)" test_id="per-tenant-apps"/>
                </section>
                <section class="form">
                    <h2>"Web UI menus per role"</h2>
                    <p class="hint">"Apiserver 3.25 and later."</p>
                    <table class="table menus-table">
                        <thead><tr><th scope="col">"Role"</th>{MenuItem::ALL.map(|i| view! { <th scope="col"><code>{i.key()}</code></th> }).collect_view()}</tr></thead>
                        <tbody>
                            {UiRole::ALL.map(|role| view! {
                                <tr>
                                    <th scope="row">{role.key()}</th>
                                    {MenuItem::ALL.map(|item| view! {
                                        <td>
                                            <select aria-label=format!("{} for {}", item.key(), role.key())
                                                data-testid=format!("menu-{}-{}", role.key(), item.key())
                                                on:change=move |ev| {
                                                    let choice = MENU_CHOICES[event_target_value(&ev).parse::<usize>().unwrap_or(0)].0;
                                                    design.update(|c| c.set_menu(role, item, choice))
                                                }>
                                                {MENU_CHOICES.iter().enumerate().map(|(i, &(choice, label))| view! {
                                                    <option value=i.to_string() selected=move || design.with(|c| c.menu(role, item) == choice)>{label}</option>
                                                }).collect_view()}
                                            </select>
                                        </td>
                                    }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
                <section class="form">
                    <h2>"Organization features"</h2>
                    <p class="hint">"Enabled for every tenant of the server (organization features set to true); a tenant can still exclude one. "
                        "The seed turns on user_management_advanced here."</p>
                    <FeatureChecklist selected=Signal::derive(move || design.with(|c| c.organization_features.clone()))
                        on_toggle=on_org_feature id_prefix="org-feature".to_owned() label="Organization features"/>
                </section>
        </div>
        <h2>"Files"</h2>
        <Checkbox form=reveal read=|r| *r write=|r, on| *r = on
            label="Show the secret in the files below (copy and download always include it)" test_id="reveal-secret"/>
        {move || match (shown.get(), real.get()) {
            (Some((helm, compose)), Some((real_helm, real_compose))) => view! {
                <ExportPanel title="Server (Helm)" filename="clearml-values.override.yaml" text=real_helm shown=helm test_id="export-helm"/>
                {per_tenant().then(|| { let agent = helm_agent_values(); view! {
                    <ExportPanel title="Each tenant's Agent (Helm)" filename="clearml-agent-values.override.yaml" text=agent.clone() shown=agent
                        note="Per-tenant applications need every tenant's Agent to serve the apps queue, with that tenant's admin credentials." test_id="export-agent"/>
                }})}
                <ExportPanel title="Server (docker-compose)" filename="docker-compose.override.yml" text=real_compose shown=compose
                    note="queueMode is a Helm chart value: docker-compose has no equivalent." test_id="export-compose"/>
            }.into_any(),
            _ => view! {
                <p class="alert alert-warning" role="status" data-testid="config-invalid">
                    "Fix the fields marked above (and in "<a href=AppRoute::Groups.href()>"Groups"</a>") to see the files."
                </p>
            }.into_any(),
        }}
    }
}
