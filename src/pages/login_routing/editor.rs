//! The editor of one tenant's login routing: the domains, the whitelist's two lists, and adding
//! to it; each change checked against every other tenant once they are read, and sent as the
//! tenant's admin (or, for a tenant admin, as itself).

use crate::api::{login, Client};
use crate::components::confirm::Confirm;
use crate::components::curl_preview::CurlPreview;
use crate::components::routing_progress::RoutingProgress;
use crate::components::routing_store::{EveryTenant, RoutingStore};
use crate::components::saving::Saving;
use crate::components::tenant_tabs::NoAdminActions;
use crate::session::Auth;
use leptos::prelude::*;
use std::sync::Arc;
use tenantry_core::clearml::curl::CurlCall;
use tenantry_core::clearml::wire::{AddWhitelistEntries, RemoveWhitelistEntries, SetDomains};
use tenantry_core::login_routing::RoutingIndex;
use tenantry_core::names::paste::Pasted;
use tenantry_core::names::readable_name::isolated;
use tenantry_core::CompanyId;

fn shown_email(email: &str) -> &str {
    if email.is_empty() {
        "(email not reported by this server)"
    } else {
        email
    }
}

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

/// What the editor checks a change against besides the tenant itself: every tenant's index once
/// read, the read's progress, and how to start it. `None` for a tenant admin, who cannot see them.
pub(super) type Others = Option<(Memo<Option<Arc<RoutingIndex>>>, EveryTenant, Callback<()>)>;

#[component]
pub(super) fn RoutingEditor(id: String, others: Others) -> impl IntoView {
    let tenant_id = id.clone();
    let client = expect_context::<Client>();
    let confirm = Confirm::get();
    let auth = expect_context::<Auth>();
    let store = RoutingStore::get();
    let this = {
        let id = id.clone();
        Memo::new_with_compare(
            move |_| store.tenant(&id),
            |a, b| a.map(|a| a.as_ref().map(Arc::as_ptr)) != b.map(|b| b.as_ref().map(Arc::as_ptr)),
        )
    };
    let rules = Signal::derive(move || this.get().map(|t| t.rules.clone()));
    let own_only = Signal::derive(move || this.get().map(|t| Arc::new(RoutingIndex::new(vec![t.rules.clone()]))));
    // Until every tenant is read, a change is checked against this tenant alone and cannot be sent.
    let index = Signal::derive(move || match others {
        Some((every, _, _)) => every.get(),
        None => own_only.get(),
    });
    let checking = Signal::derive(move || index.get().or_else(|| own_only.get()));
    let acting = this.get_untracked().and_then(|t| t.acting());
    let admin = this.get_untracked().and_then(|t| t.admin.user().cloned());
    let self_service = store.self_service();
    let api_url = auth.api_url().unwrap_or_default();
    let has_admin = self_service || acting.is_some();
    let need_others = move || {
        if let Some((_, _, start)) = others {
            start.run(());
        }
    };
    let others_ready = move || index.with(Option::is_some);

    let domains_text = RwSignal::new(rules.get_untracked().map(|r| r.domains.join("\n")).unwrap_or_default());
    let domains = {
        let id = id.clone();
        Memo::new(move |_| checking.get().map(|s| s.check_domains(&id, &domains_text.get())))
    };
    let adding = RwSignal::new(Addition::default());
    // Checked once per keystroke, however many parts of the page read the result.
    let emails = {
        let id = id.clone();
        Memo::new(move |_| checking.get().map(|s| adding.with(|a| s.check_whitelist(&id, &a.emails))))
    };
    let added = Signal::derive(move || emails.with(|e| e.as_ref().map(|(p, _)| p.clone())));

    let saving = Saving::new();
    // A save re-reads this tenant only: the others did not change.
    let rereading = Saving::checking();
    let reread = {
        let (id, name) = (id.clone(), rules.get_untracked().map(|r| r.name).unwrap_or_default());
        move || {
            let (id, name) = (id.clone(), name.clone());
            rereading.run(async move { store.read(client, id, name).await }, |()| None);
        }
    };
    let send = {
        let acting = acting.clone();
        Callback::new(move |change: Change| {
            let acting = acting.clone();
            let reread = reread.clone();
            let said = match change {
                Change::Domains(_) => "Domains saved.",
                Change::Add(_) => "Added to the whitelist.",
                Change::Remove(_) => "Removed from the whitelist.",
            };
            let added = matches!(change, Change::Add(_));
            let sent = async move {
                match &change {
                    Change::Domains(r) => login::set_domains(client, acting.as_ref(), r).await,
                    Change::Add(r) => login::add(client, acting.as_ref(), r).await,
                    Change::Remove(r) => login::remove(client, acting.as_ref(), r).await,
                }
            };
            saving.run(sent, move |_| {
                if added {
                    adding.update(|a| a.emails.clear());
                }
                reread();
                Some(said.to_owned())
            });
        })
    };
    let busy = move || saving.busy();
    let set_domains =
        move || SetDomains { domains: domains.with(|d| d.as_ref().map(Pasted::valid).unwrap_or_default()) };
    let add_entries = move || AddWhitelistEntries {
        emails: added.with(|a| a.as_ref().map(Pasted::valid).unwrap_or_default()),
        is_admin: adding.with(|a| a.as_admins),
    };
    let curl = {
        let (api_url, acting) = (api_url.clone(), acting.clone());
        move |endpoint: &'static str, body: serde_json::Value| {
            Some(CurlCall::new(&api_url, endpoint, &body).acting(acting.as_ref()))
        }
    };
    let curl_domains = curl.clone();
    let curl_add = curl.clone();
    let curl_remove = curl.clone();

    let listed = move |admins: bool| {
        rules
            .get()
            .map(|r| r.whitelist.into_iter().filter(|w| (w.is_admin == Some(true)) == admins).collect::<Vec<_>>())
    };
    let entry_table = move |admins: bool, test_id: &'static str, empty: &'static str| {
        let curl_remove = curl_remove.clone();
        move || {
            let entries = listed(admins).unwrap_or_default();
            view! {
            <table class="table" data-testid=test_id>
                <tbody>
                    {entries.is_empty().then(|| view! { <tr><td class="hint">{empty}</td></tr> })}
                    {entries.into_iter().map(|w| {
                        let email = w.email.clone();
                        let remove_command = curl_remove(
                            login::REMOVE,
                            serde_json::to_value(RemoveWhitelistEntries { emails: vec![email.clone()] }).unwrap_or_default(),
                        );
                        view! {
                            <tr>
                                <td>{w.email.clone()}</td>
                                <td class="num">
                                    <button class="btn btn-small" type="button" disabled=busy
                                        data-testid="remove-entry" on:click=move |_| {
                                            let email = email.clone();
                                            let tenant = rules.get_untracked().map(|r| r.name).unwrap_or_default();
                                            confirm.ask(
                                                format!("Remove {} from {}'s whitelist?", isolated(&email), isolated(&tenant)),
                                                "New sign-ins with this email no longer land in this tenant by the whitelist (a domain may still route them there). Users who already signed in keep their accounts.",
                                                "Remove",
                                                move || { send.run(Change::Remove(RemoveWhitelistEntries { emails: vec![email.clone()] })); },
                                            );
                                        }>
                                        "Remove"
                                    </button>
                                    <CurlPreview call=Signal::derive(move || remove_command.clone()) title="Remove by curl"/>
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
                    {format!("Changes are made as the tenant's admin {} ({}), with X-Clearml-Act-As, as the seed does.", shown_email(&a.email), a.id)}
                </p>
            }.into_any(),
            _ => view! {
                <div class="alert alert-info" role="note" data-testid="no-admin">
                    <p>"This tenant has no admin. Login routing is set as one of the tenant's admins (X-Clearml-Act-As), so give it one first."</p>
                    {CompanyId::parse(&tenant_id).ok().map(|tenant| view! { <NoAdminActions tenant/> })}
                </div>
            }.into_any(),
        }}
        {others.map(|(_, every, start)| view! {
            <RoutingProgress every=every on_retry=start why="A change is saved once it is checked against all of them."/>
        })}
        {saving.view("The server did not change the login routing")}
        {rereading.view("Saved, but the tenant's rules could not be read again; the lists below may be out of date")}
        <section class="form" data-testid="domains-form">
            <h2>"Email domains"</h2>
            <p class="hint">"New users whose email has one of these domains join this tenant. One per line, or separated by commas or spaces; saving replaces the tenant's list."</p>
            <div class="field">
                <label for="domains">"Domains"</label>
                <textarea id="domains" rows="4" prop:value=move || domains_text.get() on:input=move |ev| { need_others(); domains_text.set(event_target_value(&ev)) }></textarea>
            </div>
            <EntryProblems pasted=Signal::derive(move || domains.get()) test_id="domain-errors"/>
            <CurlPreview call=Signal::derive(move || curl_domains(login::SET_DOMAINS, serde_json::to_value(set_domains()).unwrap_or_default()))/>
            <div class="form-actions">
                <button class="btn btn-primary" type="button" data-testid="save-domains"
                    disabled=move || busy() || !has_admin || !others_ready() || domains.with(|d| d.as_ref().is_none_or(Pasted::has_errors))
                    on:click=move |_| { send.run(Change::Domains(set_domains())); }>"Save domains"</button>
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
                <textarea id="whitelist-emails" rows="4" prop:value=move || adding.with(|a| a.emails.clone()) on:input=move |ev| { need_others(); adding.update(|a| a.emails = event_target_value(&ev)) }></textarea>
            </div>
            <p class="add-as">"Add them as "
                <span class="segmented" role="radiogroup" aria-label="Add as">
                    <input type="radio" id="as-user" name="as-admin" prop:checked=move || !adding.with(|a| a.as_admins) on:change=move |_| adding.update(|a| a.as_admins = false)/>
                    <label for="as-user">"non-admins"</label>
                    <input type="radio" id="as-admin" name="as-admin" prop:checked=move || adding.with(|a| a.as_admins) on:change=move |_| adding.update(|a| a.as_admins = true)/>
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
                    disabled=move || busy() || !has_admin || !others_ready() || added.with(|a| a.as_ref().is_none_or(|p| p.has_errors() || p.valid().is_empty()))
                    on:click=move |_| { send.run(Change::Add(add_entries())); }>"Add to the whitelist"</button>
            </div>
        </section>
    }
}

/// The add-to-whitelist form, whole: the emails as typed, and whether they join as admins.
#[derive(Clone, Default, PartialEq)]
struct Addition {
    emails: String,
    as_admins: bool,
}

#[derive(Clone)]
enum Change {
    Domains(SetDomains),
    Add(AddWhitelistEntries),
    Remove(RemoveWhitelistEntries),
}
