//! The SSO wizard (Keycloak): issuer → endpoints from discovery → client → what Keycloak returns
//! → options → review and the files. Each step is checked before the next; nothing is sent to
//! the apiserver: the result is the apiserver's variables and a Keycloak client to import.

use crate::components::copy_button::CopyButton;
use crate::components::export_panel::{saved_and_shown, ExportPanel};
use crate::components::field::{Checkbox, TextField, TextValue};
use crate::components::page_header::PageHeader;
use crate::components::stepper::Stepper;
use crate::components::tenant_options::TenantOptions;
use crate::discovery::Discovering;
use crate::sso_wizard::{Discovered, SsoWizard};
use leptos::prelude::*;
use tenantry_core::sso::oidc::{keycloak_realm, SsoUrl};
use tenantry_core::sso::sso_config::{callback_url, AdminRole, SsoErrors, SsoField, SsoForm, Step};

fn field_error(errors: Signal<SsoErrors>, field: SsoField) -> Signal<Option<String>> {
    Signal::derive(move || errors.with(|e| e.get(&field).cloned()))
}

type Files = Memo<Option<(String, String)>>;

fn helm(files: Files) -> String {
    files.with(|f| f.as_ref().map(|(helm, _)| helm.clone()).unwrap_or_default())
}

fn compose(files: Files) -> String {
    files.with(|f| f.as_ref().map(|(_, compose)| compose.clone()).unwrap_or_default())
}

fn step_index(step: Step) -> usize {
    Step::ALL.iter().position(|s| *s == step).unwrap_or(0)
}

#[component]
pub fn SsoWizardPage() -> impl IntoView {
    let w = SsoWizard::get();
    let tried = RwSignal::new(false);
    Effect::watch(move || w.step.get(), move |_, _, _| tried.set(false), false);
    let errors = Memo::new(move |_| w.form.with(|f| f.check(w.step.get())));
    // Errors show once the user tried to move on from the step.
    let shown = Signal::derive(move || if tried.get() { errors.get() } else { SsoErrors::new() });
    let next = move |_| {
        tried.set(true);
        if errors.with(|e| e.is_empty()) {
            let at = step_index(w.step.get_untracked());
            w.step.set(Step::ALL[(at + 1).min(Step::ALL.len() - 1)]);
        }
    };
    let back = move |_| w.step.update(|s| *s = Step::ALL[step_index(*s).saturating_sub(1)]);
    view! {
        <PageHeader title="Single sign-on (Keycloak)">
            <button class="btn" type="button" data-testid="sso-start-over"
                on:click=move |_| { w.form.set(SsoForm::default()); w.step.set(Step::Issuer); w.discovered.set(None); }>"Start over"</button>
        </PageHeader>
        <p class="page-lede">
            "Sets up the apiserver's Keycloak login from the seed's variables, and the client Keycloak must hold. "
            "What you type stays on this tab (except the client secret) until you sign out."
        </p>
        <Stepper labels=Step::ALL.iter().map(|s| s.title()).collect() current=Signal::derive(move || step_index(w.step.get())) test_id="sso-steps"/>
        <div class="form" data-testid="sso-step">
            {move || match w.step.get() {
                Step::Issuer => view! { <IssuerStep error=field_error(shown, SsoField::Issuer) tried=tried/> }.into_any(),
                Step::Endpoints => view! { <EndpointsStep errors=shown/> }.into_any(),
                Step::Client => view! { <ClientStep errors=shown/> }.into_any(),
                Step::Claims => view! { <ClaimsStep errors=shown/> }.into_any(),
                Step::Options => view! { <OptionsStep errors=shown/> }.into_any(),
                Step::Review => view! { <ReviewStep/> }.into_any(),
            }}
            <div class="form-actions">
                <Show when=move || w.step.get() != Step::Issuer>
                    <button class="btn" type="button" data-testid="sso-back" on:click=back>"Back"</button>
                </Show>
                <Show when=move || !matches!(w.step.get(), Step::Issuer | Step::Review)>
                    <button class="btn btn-primary" type="button" data-testid="sso-next" on:click=next>"Next"</button>
                </Show>
                <span class="action-status" role="status">
                    {move || (tried.get() && !errors.with(|e| e.is_empty())).then_some("Fix the marked fields to continue.")}
                </span>
            </div>
        </div>
    }
}

#[component]
fn IssuerStep(error: Signal<Option<String>>, tried: RwSignal<bool>) -> impl IntoView {
    let w = SsoWizard::get();
    let issuer = TextValue::of(w.form, |f| &f.issuer, |f| &mut f.issuer);
    let discovering = Discovering::new();
    let realm = move || SsoUrl::parse(&issuer.get(), "issuer URL").ok().and_then(|u| keycloak_realm(&u));
    let fetch = move |_| {
        tried.set(true);
        let typed = issuer.get_untracked();
        // A malformed URL is the field's error, shown by the step; nothing is fetched.
        if SsoUrl::parse(&typed, "issuer URL").is_err() {
            return;
        }
        discovering.run(typed, move |found| match found {
            Ok((doc, at)) => {
                w.form.update(|f| {
                    f.authorization_endpoint = doc.authorization_endpoint;
                    f.token_endpoint = doc.token_endpoint;
                    f.end_session_endpoint = doc.end_session_endpoint.unwrap_or_default();
                });
                w.discovered.set(Some(Discovered::Found(at)));
                w.step.set(Step::Endpoints);
            }
            Err(why) => w.discovered.set(Some(Discovered::Failed(why))),
        });
    };
    view! {
        <div class="form-grid wide">
            <TextField id="sso-issuer" label="Issuer URL" value=issuer error=error required=true input_type="url"
                placeholder="https://sso.example.com/realms/clearml"
                hint="The Keycloak realm's URL: <base>/realms/<realm>, or <base>/auth/realms/<realm> before Keycloak 17."/>
        </div>
        {move || realm().map(|r| view! {
            <p class="hint" data-testid="sso-realm">{format!("Keycloak realm \u{201c}{}\u{201d} at {}{}", r.realm, r.base, if r.legacy { " (the pre-17 /auth form)" } else { "" })}</p>
        })}
        {move || match w.discovered.get() {
            Some(Discovered::Failed(why)) => view! {
                <div class="alert alert-error" role="alert" data-testid="discovery-error">
                    <p>{why}</p>
                    <button class="btn" type="button" data-testid="enter-endpoints" on:click=move |_| w.step.set(Step::Endpoints)>"Enter the endpoints by hand"</button>
                </div>
            }.into_any(),
            _ => ().into_any(),
        }}
        <div class="form-actions">
            <button class="btn btn-primary" type="button" data-testid="fetch-endpoints" on:click=fetch disabled=move || discovering.busy()>
                {move || discovering.label("Fetch the endpoints")}
            </button>
        </div>
    }
}

#[component]
fn EndpointsStep(errors: Signal<SsoErrors>) -> impl IntoView {
    let w = SsoWizard::get();
    let error = move |field| field_error(errors, field);
    view! {
        {move || match w.discovered.get() {
            Some(Discovered::Found(url)) => view! { <p class="alert alert-success" data-testid="discovery-found">"Read from "<code>{url}</code>". Check them, and change any that users reach at another address."</p> }.into_any(),
            Some(Discovered::Failed(why)) => view! { <p class="alert alert-warning">{why}</p> }.into_any(),
            None => ().into_any(),
        }}
        <div class="form-grid wide">
            <TextField id="sso-authorization" label="Authorization endpoint" required=true input_type="url"
                value=TextValue::of(w.form, |f| &f.authorization_endpoint, |f| &mut f.authorization_endpoint) error=error(SsoField::AuthorizationEndpoint)/>
            <TextField id="sso-token" label="Token endpoint" required=true input_type="url"
                value=TextValue::of(w.form, |f| &f.token_endpoint, |f| &mut f.token_endpoint) error=error(SsoField::TokenEndpoint)/>
            <TextField id="sso-end-session" label="End-session endpoint" input_type="url"
                value=TextValue::of(w.form, |f| &f.end_session_endpoint, |f| &mut f.end_session_endpoint) error=error(SsoField::EndSessionEndpoint)
                hint="For signing out of Keycloak too (IdP logout)."/>
        </div>
    }
}

#[component]
fn ClientStep(errors: Signal<SsoErrors>) -> impl IntoView {
    let w = SsoWizard::get();
    let error = move |field| field_error(errors, field);
    view! {
        <div class="form-grid wide">
            <TextField id="sso-webapp" label="ClearML web app address" required=true input_type="url" placeholder="https://app.example.com"
                value=TextValue::of(w.form, |f| &f.webapp_url, |f| &mut f.webapp_url) error=error(SsoField::WebappUrl)
                hint="Where users open ClearML; the callback URL is derived from it."/>
            <TextField id="sso-client-id" label="Client id" required=true
                value=TextValue::of(w.form, |f| &f.client_id, |f| &mut f.client_id) error=error(SsoField::ClientId)/>
            <TextField id="sso-client-secret" label="Client secret" required=true input_type="password" autocomplete="off"
                value=TextValue::of(w.form, |f| &f.client_secret, |f| &mut f.client_secret) error=error(SsoField::ClientSecret)
                hint="Kept in memory only: a reload asks for it again."/>
        </div>
    }
}

#[component]
fn ClaimsStep(errors: Signal<SsoErrors>) -> impl IntoView {
    let w = SsoWizard::get();
    let error = move |field| field_error(errors, field);
    let callback =
        move || w.form.with(|f| SsoUrl::parse(&f.webapp_url, "").ok().map(|u| callback_url(&u))).unwrap_or_default();
    let groups = move || w.form.with(|f| f.groups_enabled);
    view! {
        <div class="field">
            <label>"Callback URL (register it as a valid redirect URI)"</label>
            <div class="input-row">
                <code class="derived" data-testid="sso-callback">{callback}</code>
                <CopyButton text=Signal::derive(callback)/>
            </div>
            <p class="hint">"Derived from the web app address; the Keycloak client file below already holds it."</p>
        </div>
        <p class="hint">"ClearML reads the user id from "<code>"sub"</code>" and the email from "<code>"email"</code>": Keycloak sends both with its default profile and email scopes."</p>
        <div class="form-grid">
            <TextField id="sso-claim-name" label="User name claim" required=true
                value=TextValue::of(w.form, |f| &f.claim_name, |f| &mut f.claim_name) error=error(SsoField::ClaimName)/>
        </div>
        <label class="checkbox">
            <input type="checkbox" data-testid="sso-groups" prop:checked=groups on:change=move |ev| w.form.update(|f| f.groups_enabled = event_target_checked(&ev))/>
            "Synchronise Keycloak groups into ClearML groups at every login"
        </label>
        <Show when=groups>
            <div class="form-grid">
                <TextField id="sso-groups-claim" label="Groups claim" required=true
                    value=TextValue::of(w.form, |f| &f.groups_claim, |f| &mut f.groups_claim) error=error(SsoField::GroupsClaim)
                    hint="The Keycloak client file adds a group-membership mapper writing it, without full paths."/>
            </div>
        </Show>
    }
}

#[component]
fn OptionsStep(errors: Signal<SsoErrors>) -> impl IntoView {
    let w = SsoWizard::get();
    let error = move |field| field_error(errors, field);
    let groups = move || w.form.with(|f| f.groups_enabled);
    let company = TextValue::of(w.form, |f| &f.default_company, |f| &mut f.default_company);
    let role = move || w.form.with(|f| f.admin_role);
    let set_role = move |r: AdminRole| w.form.update(|f| f.admin_role = r);
    view! {
        <div class="form-grid">
            <div class="field">
                <label for="sso-default-company">"Automatic user creation: everyone signing in joins"</label>
                <select id="sso-default-company" data-testid="sso-default-company" on:change=move |ev| company.set(event_target_value(&ev))>
                    <option value="" selected=move || company.with(String::is_empty)>"Off: route users by the login rules"</option>
                    <TenantOptions selected=company/>
                </select>
                {move || error(SsoField::DefaultCompany).get().map(|e| view! { <p class="field-error">{e}</p> })}
                <p class="hint">"For a trusted IdP: every user signing in with it joins this tenant."</p>
            </div>
        </div>
        <Show when=groups>
            <div class="field">
                <label for="sso-admin-groups">"Keycloak groups whose members are ClearML admins"</label>
                <textarea id="sso-admin-groups" rows="2" prop:value=move || w.form.with(|f| f.admin_groups.clone())
                    on:input=move |ev| w.form.update(|f| f.admin_groups = event_target_value(&ev))></textarea>
                <p class="hint">"One per line or comma; they need not exist in ClearML."</p>
            </div>
            <Checkbox form=w.form read=|f| f.prohibit_signup_if_not_in_group write=|f, on| f.prohibit_signup_if_not_in_group = on label="Refuse sign-up to users in none of the synchronised groups"/>
        </Show>
        <fieldset class="inline-checks stacked">
            <legend>"Admins from a Keycloak role"</legend>
            <label class="checkbox"><input type="radio" name="admin-role" prop:checked=move || role() == AdminRole::ServerDefault on:change=move |_| set_role(AdminRole::ServerDefault)/>"The admin role (server default)"</label>
            <label class="checkbox"><input type="radio" name="admin-role" data-testid="admin-role-named" prop:checked=move || role() == AdminRole::Named on:change=move |_| set_role(AdminRole::Named)/>"Another role name"</label>
            <label class="checkbox"><input type="radio" name="admin-role" data-testid="admin-role-none" prop:checked=move || role() == AdminRole::Disabled on:change=move |_| set_role(AdminRole::Disabled)/>"None: admins are managed in ClearML only"</label>
        </fieldset>
        <Show when=move || role() == AdminRole::Named>
            <div class="form-grid">
                <TextField id="sso-admin-role" label="Admin role name" required=true
                    value=TextValue::of(w.form, |f| &f.admin_role_name, |f| &mut f.admin_role_name) error=error(SsoField::AdminRoleName)/>
            </div>
        </Show>
        <Checkbox form=w.form read=|f| f.idp_logout write=|f, on| f.idp_logout = on label="Signing out of ClearML also ends the Keycloak session" test_id="sso-idp-logout"/>
        <label class="checkbox">
            <input type="checkbox" data-testid="sso-userinfo" prop:checked=move || !w.form.with(|f| f.info_from_access_token)
                on:change=move |ev| w.form.update(|f| f.info_from_access_token = !event_target_checked(&ev))/>
            "Read user info from the userinfo endpoint instead of the access token"
        </label>
        <Checkbox form=w.form read=|f| f.multi_tenant write=|f, on| f.multi_tenant = on label="Multi-tenant login mode: each tenant signs in through its own provider" test_id="sso-multi-tenant"/>
    }
}

#[component]
fn ReviewStep() -> impl IntoView {
    let w = SsoWizard::get();
    let reveal = RwSignal::new(false);
    let unfinished = move || w.form.with(SsoForm::first_unfinished);
    view! {
        {move || match unfinished() {
            Some(step) => view! {
                <div class="alert alert-warning" role="alert" data-testid="sso-unfinished">
                    <p>{format!("The step \u{201c}{}\u{201d} needs attention (the client secret is not kept across reloads).", step.title())}</p>
                    <button class="btn" type="button" on:click=move |_| w.step.set(step)>"Go there"</button>
                </div>
            }.into_any(),
            None => {
                let (files, shown_files) = saved_and_shown(reveal.into(), move |masked| w.form.with(|f| f.files(masked)));
                let (client, shown_client) = saved_and_shown(reveal.into(), move |masked| w.form.with(|f| f.client_file(masked)));
                view! {
                    <dl class="facts">
                        <div><dt>"Issuer"</dt><dd>{move || w.form.with(|f| f.issuer.clone())}</dd></div>
                        <div><dt>"Client"</dt><dd>{move || w.form.with(|f| f.client_id.clone())}</dd></div>
                        <div><dt>"Groups"</dt><dd>{move || w.form.with(|f| if f.groups_enabled { format!("synchronised from \u{201c}{}\u{201d}", f.groups_claim.trim()) } else { "not synchronised".into() })}</dd></div>
                    </dl>
                    <label class="checkbox">
                        <input type="checkbox" data-testid="sso-reveal" prop:checked=move || reveal.get() on:change=move |ev| reveal.set(event_target_checked(&ev))/>
                        "Show the client secret in the files below (copy and download always include it)"
                    </label>
                    <ExportPanel title="Server (Helm)" filename="clearml-values.override.yaml" test_id="sso-helm"
                        text=Signal::derive(move || helm(files)) shown=Signal::derive(move || helm(shown_files))/>
                    <ExportPanel title="Server (docker-compose)" filename="docker-compose.override.yml" test_id="sso-compose"
                        text=Signal::derive(move || compose(files)) shown=Signal::derive(move || compose(shown_files))/>
                    <Checkbox form=w.form read=|f| f.include_secret_in_client write=|f, on| f.include_secret_in_client = on label="Put the client secret in the Keycloak client file (otherwise Keycloak makes a new one: copy it from the client's Credentials tab)" test_id="sso-client-secret-in-file"/>
                    <ExportPanel title="Keycloak client" filename="keycloak-client-clearml.json" mime="application/json" test_id="sso-client"
                        note="In Keycloak: Clients → Import client, then select this file."
                        text=Signal::derive(move || client.get().unwrap_or_default())
                        shown=Signal::derive(move || shown_client.get().unwrap_or_default())/>
                }.into_any()
            }
        }}
    }
}
