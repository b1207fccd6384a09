//! What a page reads from the server, as one read type under every read: the framework's
//! resource is generic code, made once per type of data and per fetcher, which came to some 3 KB of
//! wasm for each read of each page. Here the data travels as `Rc<dyn Any>` and the fetcher as a
//! boxed future, so that code is made once, and only `new` and `get` are per type. The read is an
//! effect and a signal rather than the framework's `LocalResource`, whose machinery (async
//! derived values, transitions, suspense) no page uses and which was ~7 KB gzip of the first load;
//! what a page relies on is kept: the previous answer stays shown while a read is under way, only
//! the latest read's answer is kept, and a signal the fetcher reads before its first `.await`
//! starts a new read when it changes.

use leptos::prelude::*;
use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;

type Data = Rc<dyn Any>;
type Fetching = Pin<Box<dyn Future<Output = Data>>>;

pub struct Fetched<T> {
    read: Read,
    data: PhantomData<fn() -> T>,
}

#[derive(Clone, Copy)]
struct Read {
    answer: RwSignal<Option<Data>, LocalStorage>,
    again: Trigger,
}

impl<T> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Fetched<T> {}

impl<T: Clone + 'static> Fetched<T> {
    /// Starts reading at once, and again whenever a signal `fetch` reads changes.
    pub fn new<F: Future<Output = T> + 'static>(fetch: impl Fn() -> F + 'static) -> Self {
        let fetch = move || -> Fetching {
            let fetching = fetch();
            Box::pin(async move { Rc::new(fetching.await) as Data })
        };
        Self { read: resource(Rc::new(fetch)), data: PhantomData }
    }

    /// `None` while loading.
    pub fn get(&self) -> Option<T> {
        self.read.answer.get().map(|data| data.downcast_ref::<T>().expect("a Fetched<T> holds a T").clone())
    }

    pub fn refetch(&self) {
        self.read.again.notify()
    }
}

fn resource(fetch: Rc<dyn Fn() -> Fetching>) -> Read {
    let read = Read { answer: RwSignal::new_local(None), again: Trigger::new() };
    let latest = StoredValue::new_local(0u64);
    Effect::new(move || {
        read.again.track();
        let fetching = fetch();
        let this = latest.get_value() + 1;
        latest.set_value(this);
        leptos::task::spawn_local(async move {
            let answer = fetching.await;
            // A read started since, or a page left since, keeps this answer out.
            if latest.try_get_value() == Some(this) {
                read.answer.try_set(Some(answer));
            }
        });
    });
    read
}
