//! What a page reads from the server, as one resource type under every read: the framework's
//! resource is generic code, made once per type of data and per fetcher, which came to some 3 KB of
//! wasm for each read of each page. Here the data travels as `Rc<dyn Any>` and the fetcher as a
//! boxed future, so that code is made once, and only `new` and `get` are per type.

use leptos::prelude::*;
use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;

type Data = Rc<dyn Any>;
type Fetching = Pin<Box<dyn Future<Output = Data>>>;

pub struct Fetched<T> {
    read: LocalResource<Data>,
    data: PhantomData<fn() -> T>,
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
        self.read.get().map(|data| data.downcast_ref::<T>().expect("a Fetched<T> holds a T").clone())
    }

    pub fn refetch(&self) {
        self.read.refetch()
    }
}

fn resource(fetch: Rc<dyn Fn() -> Fetching>) -> LocalResource<Data> {
    LocalResource::new(move || fetch())
}
