//! Picks some of a list of names (groups, here) with one checkbox each, the picked ones kept in a
//! list inside a form held in one signal.

use leptos::prelude::*;

#[component]
pub fn NameChecklist<T: Send + Sync + 'static>(
    #[prop(into)] names: Signal<Vec<String>>,
    form: RwSignal<T>,
    picked: fn(&T) -> &Vec<String>,
    picked_mut: fn(&mut T) -> &mut Vec<String>,
    /// Each checkbox's test id is this followed by the name.
    test_id_prefix: &'static str,
) -> impl IntoView {
    move || {
        names
            .get()
            .into_iter()
            .map(|name| {
                let test_id = format!("{test_id_prefix}{name}");
                let shown = name.clone();
                let is_picked = {
                    let name = name.clone();
                    move || form.with(|f| picked(f).contains(&name))
                };
                let on_change = move |ev| {
                    let (on, name) = (event_target_checked(&ev), name.clone());
                    form.update(|f| {
                        let list = picked_mut(f);
                        list.retain(|n| *n != name);
                        if on {
                            list.push(name)
                        }
                    })
                };
                view! {
                    <label class="checkbox">
                        <input type="checkbox" data-testid=test_id prop:checked=is_picked on:change=on_change/>
                        <code>{shown}</code>
                    </label>
                }
            })
            .collect_view()
    }
}
