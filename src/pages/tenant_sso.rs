//! One tenant's single sign-on in multi-tenant login mode: its external tenant id, group mapping
//! and admin groups (`system.update_company_sso_config`), and its identity provider
//! (`sso.save_provider_configuration`), checked across all tenants before anything is sent; the
//! URIs to register in the IdP, the tenant's login link, and its Keycloak client to import.

use crate::api::{sso, users, Client};
use crate::components::copy_button::CopyButton;
use crate::components::curl_preview::CurlPreview;
use crate::components::export_panel::ExportPanel;
use crate::components::fetched::Fetched;
use crate::components::field::{Checkbox, TextField, TextValue};
use crate::components::loaded::Loaded;
use crate::components::saving::Saving;
use crate::components::tenant_layout::TenantInView;
use crate::components::tenants_store::TenantsStore;
use crate::discovery::Discovering;
use crate::session::Auth;
use crate::sso_wizard::SsoWizard;
use leptos::prelude::*;
use std::collections::BTreeMap;
use tenantry_core::clearml::curl::CurlCall;
use tenantry_core::clearml::tenant_admin::TenantAdmin;
use tenantry_core::sso::keycloak_client::client_file;
use tenantry_core::sso::oidc::SsoUrl;
use tenantry_core::sso::tenant_sso::{self, Context, MappingRow, TenantSsoErrors, TenantSsoField, TenantSsoForm};
use tenantry_core::CompanyId;

#[component]
pub fn TenantSsoPage() -> impl IntoView {
    let company = TenantInView::get().id;
    let client = expect_context::<Client>();
    let saved = {
        let company = company.clone();
        Fetched::new(move || {
            let company = company.clone();
            async move { sso::saved(client, &company).await }
        })
    };
    view! {
        // A read that fails still opens the editor, empty, saying why.
        <Loaded source=Signal::derive(move || saved.get().map(|read| Ok(TenantSsoForm::starting_from(read))))
            loading="Loading the tenant's SSO settings…" failed="Could not load the tenant's SSO settings"
            on_retry=Callback::new(move |_| saved.refetch()) let:start>
            <TenantSsoEditor company=company.clone() initial=start.0 note=start.1/>
        </Loaded>
    }
}

#[component]
fn TenantSsoEditor(company: CompanyId, initial: TenantSsoForm, note: Option<String>) -> impl IntoView {
    let client = expect_context::<Client>();
    let auth = expect_context::<Auth>();
    let store = TenantsStore::get();
    let wizard = SsoWizard::get();
    let form = RwSignal::new(initial);
    let tried = RwSignal::new(false);
    let include_secret = RwSignal::new(false);
    let id = company.to_string();

    // The group mapping's targets are the tenant's groups, read as its admin: one call finds them.
    let admin = {
        let company = company.clone();
        Fetched::new(move || {
            let company = company.clone();
            async move { users::admin_of(client, &company).await }
        })
    };
    let acting = Memo::new(move |_| {
        admin.get().and_then(Result::ok).as_ref().and_then(TenantAdmin::user).and_then(users::acting_as)
    });
    let unknown_admin = move || match admin.get() {
        Some(Ok(TenantAdmin::Unknown(why))) => Some(why),
        _ => None,
    };
    let groups = Fetched::new(move || {
        let acting = acting.get();
        async move {
            match acting {
                Some(a) => Some(sso::groups(client, Some(&a)).await),
                None => None,
            }
        }
    });
    let known_groups = Signal::derive(move || groups.get().flatten().and_then(Result::ok));
    let taken = {
        let id = id.clone();
        Memo::new(move |_| match store.loaded() {
            Some(Ok(index)) => tenant_sso::external_tenants_taken(index.companies(), &id),
            _ => BTreeMap::new(),
        })
    };
    let checked = {
        let company = company.clone();
        Memo::new(move |_| {
            let groups = known_groups.get();
            taken.with(|t| form.with(|f| f.validate(&company, &Context { taken: t, groups: groups.as_deref() })))
        })
    };
    let errors = Signal::derive(move || {
        if tried.get() {
            checked.with(|c| c.clone().err().unwrap_or_default())
        } else {
            TenantSsoErrors::new()
        }
    });
    let error = move |field| Signal::derive(move || errors.with(|e: &TenantSsoErrors| e.get(&field).cloned()));

    let webapp = TextValue::of(wizard.form, |f| &f.webapp_url, |f| &mut f.webapp_url);
    let webapp_url = Signal::derive(move || SsoUrl::parse(&webapp.get(), "web app address").ok());
    let webapp_error = Signal::derive(move || {
        let typed = webapp.get();
        SsoUrl::parse(&typed, "ClearML web app address").err().filter(|_| !typed.trim().is_empty())
    });
    let links = Signal::derive(move || webapp_url.with(|w| form.with(|f| f.links(w.as_ref()?))));

    let issuer = RwSignal::new(wizard.form.with_untracked(|f| f.issuer.clone()));
    let discovery_note = RwSignal::new(None::<Result<String, String>>);
    let discovering = Discovering::new();
    let fill_endpoints = move |_| {
        discovery_note.set(None);
        discovering.run(issuer.get_untracked(), move |found| {
            let note = found.map(|(doc, at)| {
                form.update(|f| f.fill_endpoints(doc));
                format!("Endpoints read from {at}.")
            });
            discovery_note.set(Some(note));
        });
    };

    let saving = Saving::new();
    // A form that fails its checks sends nothing, so says no "saved".
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if let Ok((config, provider)) = checked.get_untracked() {
            let change = async move {
                sso::update_config(client, &config).await?;
                sso::save_provider(client, &provider).await
            };
            saving.run(change, move |()| {
                store.reload();
                Some("SSO settings saved.".to_owned())
            });
        }
    };
    let api_url = auth.api_url().unwrap_or_default();
    let calls = {
        let api_url = api_url.clone();
        Signal::derive(move || {
            checked.get().ok().map(|(config, _)| CurlCall::new(&api_url, sso::UPDATE_CONFIG, &config))
        })
    };
    let provider_call = Signal::derive(move || {
        checked.get().ok().map(|(_, mut provider)| {
            // The command shows a placeholder, never the secret.
            provider.configuration.client_secret = "<CLIENT_SECRET>".into();
            CurlCall::new(&api_url, sso::SAVE_PROVIDER, &provider)
        })
    });
    // The file with the secret when asked for; on screen that secret is masked.
    let client_text = move |masked: bool| {
        webapp_url.get().map(|w| {
            let spec = form.with(|f| tenant_sso::client(&w, f, include_secret.get()));
            client_file(&if masked { spec.masked() } else { spec })
        })
    };
    let text =
        move |f: fn(&TenantSsoForm) -> &String, w: fn(&mut TenantSsoForm) -> &mut String| TextValue::of(form, f, w);
    let on_mapping = move |i: usize, idp: bool| {
        move |ev| {
            let v = event_target_value(&ev);
            form.update(|f| {
                if let Some(row) = f.group_mapping.get_mut(i) {
                    if idp {
                        row.idp_group = v
                    } else {
                        row.clearml_group = v
                    }
                }
            })
        }
    };

    view! {
        {note.map(|n| view! { <p class="alert alert-info" role="note" data-testid="sso-read-back-note">{n}</p> })}
        <form class="form" on:submit=submit novalidate=true data-testid="tenant-sso-form">
            <section class="form">
                <h2>"The tenant in the identity provider"</h2>
                <div class="form-grid">
                    <TextField id="tsso-tenant" label="External tenant id" required=true value=text(|f| &f.external_tenant, |f| &mut f.external_tenant)
                        error=error(TenantSsoField::ExternalTenant) hint="What the IdP sends in the tenant claim; one ClearML tenant per id."/>
                    <TextField id="tsso-claim-tenant" label="Tenant claim" required=true value=text(|f| &f.provider.claim_tenant, |f| &mut f.provider.claim_tenant)
                        error=error(TenantSsoField::ClaimTenant)/>
                    <TextField id="tsso-claim-name" label="Name claim" required=true value=text(|f| &f.provider.claim_name, |f| &mut f.provider.claim_name)
                        error=error(TenantSsoField::ClaimName)/>
                </div>
                <Checkbox form=form read=|f| f.provider.group_enabled write=|f, on| f.provider.group_enabled = on label="Synchronise groups"/>
                <Show when=move || form.with(|f| f.provider.group_enabled)>
                    <div class="form-grid">
                        <TextField id="tsso-claim-groups" label="Groups claim" required=true value=text(|f| &f.provider.claim_groups, |f| &mut f.provider.claim_groups)
                            error=error(TenantSsoField::ClaimGroups)/>
                    </div>
                    <Checkbox form=form read=|f| f.provider.group_prohibit_user_login_if_not_in_group write=|f, on| f.provider.group_prohibit_user_login_if_not_in_group = on label="Refuse login to users in none of the tenant's groups"/>
                </Show>
            </section>
            <section class="form">
                <h2>"Group mapping"</h2>
                <p class="hint">
                    {move || match groups.get().flatten() {
                        Some(Ok(g)) => format!("This tenant's groups: {}.", g.join(", ")),
                        Some(Err(e)) => format!("Could not list the tenant's groups ({}): targets are not checked.", e.explained()),
                        None => match unknown_admin() {
                            Some(why) => format!("{why} Targets are not checked; name its admin on the tenant's login routing page to check them."),
                            None => "The tenant has no admin to list its groups as: targets are not checked.".to_owned(),
                        },
                    }}
                </p>
                <datalist id="tenant-groups">{move || known_groups.get().unwrap_or_default().into_iter().map(|g| view! { <option value=g/> }).collect_view()}</datalist>
                <div class="mapping-rows" data-testid="group-mapping">
                    <For each=move || 0..form.with(|f| f.group_mapping.len()) key=|i| *i let:i>
                        <div class="mapping-row">
                            <input aria-label="IdP group" placeholder="IdP group" data-testid="mapping-idp"
                                prop:value=move || form.with(|f| f.group_mapping.get(i).map(|r| r.idp_group.clone()).unwrap_or_default()) on:input=on_mapping(i, true)/>
                            <span aria-hidden="true">"→"</span>
                            <input aria-label="ClearML group" placeholder="ClearML group" list="tenant-groups" data-testid="mapping-clearml"
                                prop:value=move || form.with(|f| f.group_mapping.get(i).map(|r| r.clearml_group.clone()).unwrap_or_default()) on:input=on_mapping(i, false)/>
                            <button class="btn btn-small" type="button" on:click=move |_| form.update(|f| { f.group_mapping.remove(i); })>"Remove"</button>
                            {move || error(TenantSsoField::GroupMapping(i)).get().map(|e| view! { <p class="field-error" data-testid="mapping-error">{e}</p> })}
                        </div>
                    </For>
                </div>
                <button class="btn btn-small" type="button" data-testid="add-mapping" on:click=move |_| form.update(|f| f.group_mapping.push(MappingRow::default()))>"Add a mapping"</button>
                <div class="field">
                    <label for="tsso-admin-groups">"IdP groups whose members are this tenant's admins"</label>
                    <textarea id="tsso-admin-groups" rows="2" prop:value=move || form.with(|f| f.admin_groups.clone())
                        on:input=move |ev| form.update(|f| f.admin_groups = event_target_value(&ev))></textarea>
                </div>
            </section>
            <section class="form">
                <h2>"Identity provider (keycloak)"</h2>
                <div class="form-grid">
                    <TextField id="tsso-display-name" label="Login button text" required=true value=text(|f| &f.provider.display_name, |f| &mut f.provider.display_name)
                        error=error(TenantSsoField::DisplayName)/>
                    <TextField id="tsso-client-id" label="Client id" required=true value=text(|f| &f.provider.client_id, |f| &mut f.provider.client_id)
                        error=error(TenantSsoField::ClientId)/>
                    <TextField id="tsso-client-secret" label="Client secret" required=true input_type="password" autocomplete="off"
                        value=text(|f| &f.provider.client_secret, |f| &mut f.provider.client_secret) error=error(TenantSsoField::ClientSecret)
                        hint="Never read back: type it again to save."/>
                </div>
                <div class="input-row issuer-row">
                    <label class="visually-hidden" for="tsso-issuer">"Issuer URL"</label>
                    <input id="tsso-issuer" type="url" placeholder="Issuer URL, to fill the endpoints" prop:value=move || issuer.get()
                        on:input=move |ev| issuer.set(event_target_value(&ev))/>
                    <button class="btn" type="button" data-testid="tsso-fetch" on:click=fill_endpoints disabled=move || discovering.busy()>
                        {move || discovering.label("Fill from discovery")}
                    </button>
                </div>
                {move || discovery_note.get().map(|n| match n {
                    Ok(m) => view! { <p class="hint" data-testid="tsso-discovered">{m}</p> }.into_any(),
                    Err(m) => view! { <p class="field-error" data-testid="tsso-discovery-error">{m}</p> }.into_any(),
                })}
                <div class="form-grid wide">
                    <TextField id="tsso-authorization" label="Authorization endpoint" required=true input_type="url"
                        value=text(|f| &f.provider.authorization_endpoint, |f| &mut f.provider.authorization_endpoint) error=error(TenantSsoField::AuthorizationEndpoint)/>
                    <TextField id="tsso-token" label="Token endpoint" required=true input_type="url"
                        value=text(|f| &f.provider.token_endpoint, |f| &mut f.provider.token_endpoint) error=error(TenantSsoField::TokenEndpoint)/>
                    <TextField id="tsso-revocation" label="Revocation endpoint" required=true input_type="url"
                        value=text(|f| &f.provider.revocation_endpoint, |f| &mut f.provider.revocation_endpoint) error=error(TenantSsoField::RevocationEndpoint)/>
                    <TextField id="tsso-end-session" label="End-session endpoint" required=true input_type="url"
                        value=text(|f| &f.provider.end_session_endpoint, |f| &mut f.provider.end_session_endpoint) error=error(TenantSsoField::EndSessionEndpoint)/>
                </div>
                <Checkbox form=form read=|f| f.provider.logout_from_provider write=|f, on| f.provider.logout_from_provider = on label="Signing out of ClearML also signs out of the IdP"/>
            </section>
            <CurlPreview call=calls title="Equivalent curl command: tenant settings"/>
            <CurlPreview call=provider_call title="Equivalent curl command: identity provider"/>
            <div class="form-actions sticky-actions">
                <button class="btn btn-primary" type="submit" data-testid="save-tenant-sso" disabled=move || saving.busy()>
                    {move || saving.label("Save SSO settings", "Saving…")}
                </button>
                <span class="action-status" role="status">{move || (tried.get() && checked.with(Result::is_err)).then_some("Fix the marked fields: nothing was sent.")}</span>
            </div>
            // Beside the button that was pressed, where the person is looking.
            {saving.view("Could not save the SSO settings")}
        </form>
        <section class="form">
            <h2>"Register in the identity provider"</h2>
            <div class="form-grid wide">
                <TextField id="tsso-webapp" label="ClearML web app address" input_type="url" value=webapp error=webapp_error
                    hint="Shared with the SSO wizard."/>
            </div>
            {move || match links.get() {
                None => view! { <p class="hint">"Enter the web app address, the client id and the external tenant id to see them."</p> }.into_any(),
                Some(l) => view! {
                    <dl class="facts links" data-testid="tenant-sso-links">
                        <div><dt>"Valid redirect URI"</dt><dd><code>{l.redirect_uri.clone()}</code> <CopyButton text=Signal::stored(l.redirect_uri.clone())/></dd></div>
                        <div><dt>"Valid post logout redirect URIs"</dt><dd>{l.post_logout_uris.iter().map(|u| view! { <code>{u.clone()}</code><br/> }).collect_view()}</dd></div>
                        <div><dt>"The tenant's login link"</dt><dd><code data-testid="tenant-login-link">{l.login_link.clone()}</code> <CopyButton text=Signal::stored(l.login_link.clone())/></dd></div>
                    </dl>
                }.into_any(),
            }}
            <Checkbox form=include_secret read=|i| *i write=|i, on| *i = on label="Put the client secret in the Keycloak client file"/>
            <Show when=move || webapp_url.with(Option::is_some)>
                <ExportPanel title="This tenant's Keycloak client" filename="keycloak-client.json" mime="application/json" test_id="tenant-sso-client"
                    note="Its mapper sends the external tenant id in the tenant claim."
                    text=Signal::derive(move || client_text(false).unwrap_or_default())
                    shown=Signal::derive(move || client_text(true).unwrap_or_default())/>
            </Show>
        </section>
    }
}
