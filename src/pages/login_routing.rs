//! One tenant's login routing (M4): its email domains and its whitelist (admins and non-admins),
//! each change checked against every other tenant before it is sent, sent as the tenant's admin.

use crate::api::{login, Client};
use crate::components::alert::{ErrorAlert, SuccessNote};
use crate::components::curl_preview::CurlPreview;
use crate::components::page_header::{Crumb, PageHeader};
use crate::components::routing_store::{RoutingState, RoutingStore};
use crate::components::routing_tester::RoutingTester;
use crate::routes::AppRoute;
use crate::session::Auth;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;
use tenantry_core::curl::CurlCall;
use tenantry_core::paste::Pasted;
use tenantry_core::wire::{AddWhitelistEntries, CompanyRef, RemoveWhitelistEntries, SetDomains};

/// The bad entries of a pasted list, each with its message, and the note on folded repeats.
#[component]
fn EntryProblems<T: Clone + Send + Sync + 'static>(
    #[prop(into)] pasted: Signal<Option<Pasted<T>>>,
    test_id: &'static str,
) -> impl IntoView {
    view! {
        <ul class="entry-errors" data-testid=test_id>
            {move || pasted.with(|p| p.iter().flat_map(|p| &p.entries).filter_map(|e| e.parsed.as_ref().err().map(|m| view! {
                <li><code>{e.raw.clone()}</code>" "{m.clone()}</li>
            })).collect_view())}
        </ul>
        {move || pasted.with(|p| p.as_ref().and_then(Pasted::folded_note)).map(|n| view! { <p class="hint" data-testid=format!("{test_id}-folded")>{n}</p> })}
    }
}

#[component]
pub fn LoginRoutingPage() -> impl IntoView {
    let store = RoutingStore::get();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let state = Signal::derive(move || store.loaded());
    let name = move || match state.get() {
        Some(Ok(s)) => s.index.tenants().iter().find(|t| t.id == id.get()).map(|t| t.name.clone()),
        _ => None,
    };
    // The editor is built once per tenant: reloading the rules after a save must not take what
    // the user is typing in the other field.
    let ready = Memo::new(move |_| match state.get() {
        None => None,
        Some(Err(_)) => Some(None),
        Some(Ok(s)) => Some(Some(s.index.tenants().iter().any(|t| t.id == id.get()))),
    });
    let title =
        Signal::derive(move || name().map(|n| format!("Login routing · {n}")).unwrap_or("Login routing".into()));
    let error = Signal::derive(move || store.loaded().and_then(Result::err));
    view! {
        <PageHeader title=title crumbs=vec![Crumb::link("Tenants", AppRoute::tenants()), Crumb::link("Tenant", AppRoute::Tenant(id.get_untracked()).href())]/>
        <ErrorAlert error=error context="Could not load the tenants' login routing" on_retry=Callback::new(move |_| store.reload())/>
        {move || match ready.get() {
            None => view! { <p class="loading" role="status">"Loading every tenant's login routing…"</p> }.into_any(),
            Some(None) => ().into_any(),
            Some(Some(false)) => view! { <div class="empty-state"><p>{format!("No tenant has the id {}.", id.get())}</p></div> }.into_any(),
            Some(Some(true)) => view! { <RoutingEditor id=id.get_untracked()/> }.into_any(),
        }}
        <RoutingTester/>
    }
}

/// A tenant admin's own login routing: the same editor, calls without acting headers.
#[component]
pub fn OwnLoginRoutingPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let store = RoutingStore::get();
    let company = auth
        .session_untracked()
        .map(|s| s.user.company)
        .unwrap_or_else(|| CompanyRef { id: String::new(), name: String::new() });
    let loaded = Memo::new(move |_| store.loaded().map(|r| r.map(|_| ()).map_err(|e| e.message())));
    let error = Signal::derive(move || store.loaded().and_then(Result::err));
    view! {
        <PageHeader title=format!("Login routing · {}", company.name)/>
        <ErrorAlert error=error context="Could not load your tenant's login routing" on_retry=Callback::new(move |_| store.reload())/>
        {move || match loaded.get() {
            None => view! { <p class="loading" role="status">"Loading your tenant's login routing…"</p> }.into_any(),
            Some(Err(_)) => ().into_any(),
            Some(Ok(())) => view! { <RoutingEditor id=company.id.clone()/> }.into_any(),
        }}
    }
}

#[component]
fn RoutingEditor(id: String) -> impl IntoView {
    let client = expect_context::<Client>();
    let auth = expect_context::<Auth>();
    let store = RoutingStore::get();
    let current: Signal<Option<Arc<RoutingState>>> = Signal::derive(move || store.loaded().and_then(Result::ok));
    let rules = {
        let id = id.clone();
        Signal::derive(move || current.get().and_then(|s| s.index.tenants().iter().find(|t| t.id == id).cloned()))
    };
    let acting = current.get_untracked().and_then(|s| s.acting_for(&id));
    let admin = current.get_untracked().and_then(|s| s.admins.get(&id).cloned().flatten());
    let self_service = current.get_untracked().is_some_and(|s| s.self_service);
    let api_url = auth.api_url().unwrap_or_default();
    let has_admin = self_service || acting.is_some();

    let domains_text = RwSignal::new(rules.get_untracked().map(|r| r.domains.join("\n")).unwrap_or_default());
    let domains = {
        let id = id.clone();
        Memo::new(move |_| current.get().map(|s| s.index.check_domains(&id, &domains_text.get())))
    };
    let emails_text = RwSignal::new(String::new());
    let as_admin = RwSignal::new(false);
    // Checked once per keystroke, however many parts of the page read the result.
    let emails = Memo::new(move |_| current.get().map(|s| s.index.check_whitelist(&id, &emails_text.get())));
    let added = Signal::derive(move || emails.with(|e| e.as_ref().map(|(p, _)| p.clone())));

    let send = {
        let acting = acting.clone();
        Action::new_local(move |change: &Change| {
            let (acting, change) = (acting.clone(), change.clone());
            async move {
                match &change {
                    Change::Domains(r) => login::set_domains(client, acting.as_ref(), r).await,
                    Change::Add(r) => login::add(client, acting.as_ref(), r).await,
                    Change::Remove(r) => login::remove(client, acting.as_ref(), r).await,
                }
                .map(|_| change)
            }
        })
    };
    Effect::new(move || {
        if let Some(Ok(change)) = send.value().get() {
            if matches!(change, Change::Add(_)) {
                emails_text.set(String::new());
            }
            store.reload();
        }
    });
    let page_error = Signal::derive(move || send.value().get().and_then(Result::err));
    let saved_note = Signal::derive(move || {
        send.value().get().and_then(Result::ok).map(|change| {
            match change {
                Change::Domains(_) => "Domains saved.",
                Change::Add(_) => "Added to the whitelist.",
                Change::Remove(_) => "Removed from the whitelist.",
            }
            .to_string()
        })
    });
    let busy = move || send.pending().get();
    let set_domains =
        move || SetDomains { domains: domains.with(|d| d.as_ref().map(Pasted::valid).unwrap_or_default()) };
    let add_entries = move || AddWhitelistEntries {
        emails: added.with(|a| a.as_ref().map(Pasted::valid).unwrap_or_default()),
        is_admin: as_admin.get(),
    };
    let curl = {
        let (api_url, acting) = (api_url.clone(), acting.clone());
        move |endpoint: &'static str, body: serde_json::Value| {
            Some(CurlCall::new(&api_url, endpoint, &body).acting(acting.as_ref()))
        }
    };
    let curl_domains = curl.clone();
    let curl_add = curl.clone();

    let listed = move |admins: bool| {
        rules
            .get()
            .map(|r| r.whitelist.into_iter().filter(|w| (w.is_admin == Some(true)) == admins).collect::<Vec<_>>())
    };
    let entry_table = move |admins: bool, test_id: &'static str, empty: &'static str| {
        move || {
            let entries = listed(admins).unwrap_or_default();
            view! {
            <table class="table" data-testid=test_id>
                <tbody>
                    {entries.is_empty().then(|| view! { <tr><td class="hint">{empty}</td></tr> })}
                    {entries.into_iter().map(|w| {
                        let email = w.email.clone();
                        view! {
                            <tr>
                                <td>{w.email.clone()}</td>
                                <td class="num">
                                    <button class="btn btn-small" type="button" disabled=busy
                                        on:click=move |_| { send.dispatch(Change::Remove(RemoveWhitelistEntries { emails: vec![email.clone()] })); }>
                                        "Remove"
                                    </button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            }
        }
    };

    view! {
        {match (&admin, &acting) {
            _ if self_service => view! {
                <p class="hint page-lede" data-testid="self-service">
                    "Your tenant's routing. Whether another tenant already routes a domain or email is checked by the supervisor, who sees every tenant."
                </p>
            }.into_any(),
            (Some(a), Some(_)) => view! {
                <p class="hint page-lede" data-testid="acting-as">
                    {format!("Changes are made as the tenant's admin {} ({}), with X-Clearml-Act-As, as the seed does.", a.email, a.id)}
                </p>
            }.into_any(),
            _ => view! {
                <div class="alert alert-info" role="note" data-testid="no-admin">
                    <p>"This tenant has no admin. Login routing is set as one of the tenant's admins (X-Clearml-Act-As), so create one first: Onboard a tenant creates a tenant with its admin."</p>
                </div>
            }.into_any(),
        }}
        <ErrorAlert error=page_error context="The server did not change the login routing"/>
        <SuccessNote message=saved_note/>
        <section class="form" data-testid="domains-form">
            <h2>"Email domains"</h2>
            <p class="hint">"New users whose email has one of these domains join this tenant. One per line, or separated by commas or spaces; saving replaces the tenant's list."</p>
            <div class="field">
                <label for="domains">"Domains"</label>
                <textarea id="domains" rows="4" prop:value=move || domains_text.get() on:input=move |ev| domains_text.set(event_target_value(&ev))></textarea>
            </div>
            <EntryProblems pasted=Signal::derive(move || domains.get()) test_id="domain-errors"/>
            <CurlPreview call=Signal::derive(move || curl_domains(login::SET_DOMAINS, serde_json::to_value(set_domains()).unwrap_or_default()))/>
            <div class="form-actions">
                <button class="btn btn-primary" type="button" data-testid="save-domains"
                    disabled=move || busy() || !has_admin || domains.with(|d| d.as_ref().is_none_or(Pasted::has_errors))
                    on:click=move |_| { send.dispatch(Change::Domains(set_domains())); }>"Save domains"</button>
            </div>
        </section>
        <section class="form" data-testid="whitelist">
            <h2>"Whitelist"</h2>
            <p class="hint">"Specific emails routed to this tenant, in two lists. Removing an entry does not affect a user who already signed in with it."</p>
            <div class="whitelist-lists">
                <div><h3>"Admins"</h3>{entry_table(true, "whitelist-admins", "No admin entries.")}</div>
                <div><h3>"Non-admins"</h3>{entry_table(false, "whitelist-users", "No non-admin entries.")}</div>
            </div>
            <div class="field">
                <label for="whitelist-emails">"Add emails"</label>
                <textarea id="whitelist-emails" rows="4" prop:value=move || emails_text.get() on:input=move |ev| emails_text.set(event_target_value(&ev))></textarea>
            </div>
            <p class="add-as">"Add them as "
                <span class="segmented" role="radiogroup" aria-label="Add as">
                    <input type="radio" id="as-user" name="as-admin" prop:checked=move || !as_admin.get() on:change=move |_| as_admin.set(false)/>
                    <label for="as-user">"non-admins"</label>
                    <input type="radio" id="as-admin" name="as-admin" prop:checked=move || as_admin.get() on:change=move |_| as_admin.set(true)/>
                    <label for="as-admin">"admins"</label>
                </span>
            </p>
            <EntryProblems pasted=Signal::derive(move || added.get()) test_id="email-errors"/>
            <ul class="warnings" data-testid="email-warnings">
                {move || emails.with(|e| e.iter().flat_map(|(_, w)| w.clone()).map(|w| view! { <li class="warning">{w}</li> }).collect_view())}
            </ul>
            <CurlPreview call=Signal::derive(move || curl_add(login::ADD, serde_json::to_value(add_entries()).unwrap_or_default()))/>
            <div class="form-actions">
                <button class="btn btn-primary" type="button" data-testid="add-emails"
                    disabled=move || busy() || !has_admin || added.with(|a| a.as_ref().is_none_or(|p| p.has_errors() || p.valid().is_empty()))
                    on:click=move |_| { send.dispatch(Change::Add(add_entries())); }>"Add to the whitelist"</button>
            </div>
        </section>
    }
}

#[derive(Clone)]
enum Change {
    Domains(SetDomains),
    Add(AddWhitelistEntries),
    Remove(RemoveWhitelistEntries),
}
