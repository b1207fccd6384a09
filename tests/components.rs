//! Component tests in headless Chromium (wasm-bindgen-test): the shared form pieces render what
//! the user needs to see and write what the user did back into the form model; a page's read
//! (`Fetched`) answers as the pages rely on.

use leptos::prelude::*;
use tenantry::components::feature_picker::FeaturePicker;
use tenantry::components::fetched::Fetched;
use tenantry::components::field::{TextField, TextValue};
use tenantry_core::clearml::tenant::TakenNames;
use tenantry_core::clearml::tenant_form::{validate_new_tenant, TenantForm};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// Lets Leptos apply pending updates: they run on microtasks, before the next task.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().set_timeout_with_callback(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn find<T: JsCast>(root: &HtmlElement, css: &str) -> T {
    root.query_selector(css).unwrap().unwrap_or_else(|| panic!("{css} not found")).unchecked_into()
}

#[wasm_bindgen_test]
async fn text_field_ties_its_error_to_the_input_and_writes_what_is_typed() {
    let value = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <TextField id="tenant-name" label="Tenant name" value=value error=error hint="At least 3 characters."/> }
    });
    let input: HtmlInputElement = find(&root, "#tenant-name");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("false"));
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("tenant-name-hint"));

    error.set(Some("Enter a tenant name.".into()));
    next_task().await;
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("tenant-name-error"));
    assert_eq!(
        find::<HtmlElement>(&root, "#tenant-name-error").text_content().as_deref(),
        Some("Enter a tenant name.")
    );

    input.set_value("Acme");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    next_task().await;
    assert_eq!(value.get_untracked(), "Acme");
}

#[wasm_bindgen_test]
async fn feature_picker_moves_features_between_lists_and_warns_on_deprecated_ones() {
    let form = RwSignal::new(TenantForm::default());
    let errors =
        Signal::derive(move || validate_new_tenant(&form.get(), &TakenNames::default()).err().unwrap_or_default());
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <FeaturePicker form=form errors=errors/> });

    find::<HtmlElement>(&root, "label[for=\"feature-reports-exclude\"]").click();
    next_task().await;
    assert_eq!(form.get_untracked().exclude_features, ["reports"]);
    find::<HtmlElement>(&root, "label[for=\"feature-reports-enable\"]").click();
    next_task().await;
    let f = form.get_untracked();
    assert_eq!((f.features.as_slice(), f.exclude_features.len()), (["reports".to_string()].as_slice(), 0));
    assert!(find::<HtmlInputElement>(&root, "#feature-reports-enable").checked());

    assert!(root.query_selector("[data-testid=feature-warning]").unwrap().is_none());
    find::<HtmlElement>(&root, "label[for=\"feature-experiments-enable\"]").click();
    next_task().await;
    let warning: HtmlElement = find(&root, "[data-testid=feature-warning]");
    assert_eq!(
        warning.text_content().as_deref(),
        Some("\"experiments\" is deprecated and does nothing: all users have access regardless of this flag.")
    );
    assert_eq!(
        find::<HtmlElement>(&root, "[data-testid=feature-summary]").text_content().as_deref(),
        Some("2 enabled · 0 excluded · the rest inherited")
    );
}

#[wasm_bindgen_test]
async fn a_form_in_one_signal_is_edited_through_its_fields_and_shows_a_reset_at_once() {
    let form = RwSignal::new(TenantForm { name: "Acme".into(), allowed_users: "5".into(), ..TenantForm::default() });
    let renders = RwSignal::new(0u32);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        let name = TextValue::of(form, |f| &f.name, |f| &mut f.name);
        let users = TextValue::of(form, |f| &f.allowed_users, |f| &mut f.allowed_users);
        // Counts the updates the user-limit field is told of: typing a name must not be one.
        Effect::new(move || {
            users.with(|_| ());
            renders.update_untracked(|n| *n += 1);
        });
        view! {
            <TextField id="name" label="Name" value=name error=Signal::derive(|| None::<String>)/>
            <TextField id="users" label="Allowed users" value=users error=Signal::derive(|| None::<String>)/>
        }
    });
    next_task().await;
    let name: HtmlInputElement = find(&root, "#name");
    let users: HtmlInputElement = find(&root, "#users");
    assert_eq!((name.value(), users.value()), ("Acme".to_owned(), "5".to_owned()));

    let before = renders.get_untracked();
    name.set_value("Acme Labs");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    name.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    next_task().await;
    assert_eq!(form.with_untracked(|f| f.name.clone()), "Acme Labs", "the field writes into the form");
    assert_eq!(renders.get_untracked(), before, "the other field was not told of a change");

    form.set(TenantForm::default());
    next_task().await;
    assert_eq!(
        (name.value(), users.value()),
        (String::new(), String::new()),
        "a reset of the form shows in every field"
    );
}

/// Waits `ms` milliseconds: a read that takes that long.
async fn after(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_read_shows_its_last_answer_while_reading_again_and_keeps_only_the_latest() {
    let id = RwSignal::new(1_u32);
    let reads = RwSignal::new(0_u32);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        // Tenant 1 answers slowly, the others at once; the id is read before the first `.await`.
        let fetched = Fetched::new(move || {
            let id = id.get();
            reads.update_untracked(|n| *n += 1);
            async move {
                after(if id == 1 { 150 } else { 10 }).await;
                id
            }
        });
        view! {
            <p id="answer">{move || fetched.get().map_or("none".to_owned(), |n| n.to_string())}</p>
            <button id="again" on:click=move |_| fetched.refetch()>"Again"</button>
        }
    });
    let answer = || find::<HtmlElement>(&root, "#answer").text_content().unwrap_or_default();
    assert_eq!(answer(), "none", "nothing before the first answer");
    after(250).await;
    assert_eq!(answer(), "1");

    id.set(2);
    next_task().await;
    assert_eq!(answer(), "1", "the last answer stays while the signal's change is read");
    after(100).await;
    assert_eq!(answer(), "2");

    // A slow read overtaken by a later one: the later one's answer stays.
    id.set(1);
    next_task().await;
    id.set(3);
    after(300).await;
    assert_eq!(answer(), "3", "an older read's late answer replaced a newer one");

    let before = reads.get_untracked();
    find::<HtmlElement>(&root, "#again").click();
    after(100).await;
    assert_eq!((reads.get_untracked(), answer()), (before + 1, "3".to_owned()), "Again reads again");
}
