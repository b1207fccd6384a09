//! Stores only some pages use (the onboarding wizard, the SSO wizard, the server design, the
//! MLflow connection): the signed-in frame provides an empty slot for each, and the first page
//! that asks makes the store in it, owned by the frame so that it lives, and keeps saving, until
//! sign-out. Making one (reading the tab's saved copy) is then code of those pages' chunks, not
//! of the first load.

use leptos::prelude::*;

pub struct PageStore<T: Send + Sync + 'static>(StoredValue<(Owner, Option<T>)>);

impl<T: Send + Sync + 'static> Clone for PageStore<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for PageStore<T> {}

impl<T: Copy + Send + Sync + 'static> PageStore<T> {
    /// The empty slot, for the signed-in frame to provide.
    pub fn provide() {
        let owner = Owner::current().expect("provided by the signed-in frame, which has an owner");
        provide_context(Self(StoredValue::new((owner, None))));
    }

    /// The store, made by `make` the first time a page asks.
    pub fn get(make: impl FnOnce() -> T) -> T {
        let slot = expect_context::<Self>().0;
        if let Some(store) = slot.with_value(|(_, store)| *store) {
            return store;
        }
        let owner = slot.with_value(|(owner, _)| owner.clone());
        let store = owner.with(make);
        slot.update_value(|(_, kept)| *kept = Some(store));
        store
    }
}
