//! Route splitting: every page but sign-in and Tenants comes in its area's wasm chunk, fetched on
//! the first visit to any page of the area (`scripts/split-wasm.sh` cuts the module at these
//! functions after the build; split points that name the same area share one chunk).
//!
//! Leptos's `#[lazy_route]` uses the same splitter, but its loader panics when a chunk cannot be
//! fetched, and a panic aborts the whole wasm module: the console would go blank after a network
//! blip or a server restart with a new build. So each page's split point is declared `fallible`
//! here, and [`SplitRoute`] shows the failure with a Retry instead.

use crate::routes::AppRoute;
use futures::future::LocalBoxFuture;
use futures::FutureExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::SplitLoaderError;

/// The chunk holding a page could not be fetched or instantiated.
#[derive(Debug)]
pub struct ChunkMissing;

impl From<SplitLoaderError> for ChunkMissing {
    fn from(_: SplitLoaderError) -> Self {
        ChunkMissing
    }
}

/// A page that lives in its own chunk: `fetch` loads the chunk, `render` builds the page for a
/// route from it, in its area's frame.
#[derive(Clone, Copy)]
pub struct SplitPage {
    pub fetch: fn() -> LocalBoxFuture<'static, Result<(), SplitLoaderError>>,
    pub render: fn(AppRoute) -> LocalBoxFuture<'static, Result<AnyView, ChunkMissing>>,
}

/// Declares `$name` as a [`SplitPage`] built by `$page` from the chunk of its area (`$area`),
/// which holds the area's pages and the code only they use: one fetch for the pages a person
/// moves between, instead of one file per page and per piece they share. The page is drawn in
/// the area's frame (`$area::frame`, beside the declarations), which travels in the same chunk.
macro_rules! split_page {
    ($name:ident, $area:ident: $chunk:ident => $page:path) => {
        pub const $name: $crate::split_page::SplitPage = {
            #[::leptos::wasm_split::wasm_split($area, wasm_split_path = ::leptos::wasm_split, fallible, preload(fetch))]
            fn $chunk(
                route: $crate::routes::AppRoute,
            ) -> Result<::leptos::prelude::AnyView, $crate::split_page::ChunkMissing> {
                Ok($area::frame(route, || ::leptos::prelude::IntoAny::into_any($page())))
            }
            $crate::split_page::SplitPage {
                fetch: || ::std::boxed::Box::pin(fetch()),
                render: |route| ::std::boxed::Box::pin($chunk(route)),
            }
        };
    };
}
pub(crate) use split_page;

#[derive(Clone, Copy, PartialEq)]
enum Chunk {
    Fetching,
    Ready,
    Missing,
}

/// Renders a split page for `route`: fetches its chunk, then builds the page in this component's
/// place (so the page sees the same context as any other); a failed fetch shows the error with
/// Retry.
#[component]
pub fn SplitRoute(page: SplitPage, route: AppRoute) -> impl IntoView {
    let chunk = RwSignal::new(Chunk::Fetching);
    let outcome = |fetched: Result<(), SplitLoaderError>| if fetched.is_ok() { Chunk::Ready } else { Chunk::Missing };
    let fetch = move || {
        let mut fetching = (page.fetch)();
        // A chunk fetched before (or by pointing at its link) is there at once: no loading flash.
        if let Some(fetched) = (&mut fetching).now_or_never() {
            chunk.set(outcome(fetched));
            return;
        }
        chunk.set(Chunk::Fetching);
        spawn_local(async move {
            let fetched = fetching.await;
            // The page may have been left while its chunk was on the way.
            chunk.try_set(outcome(fetched));
        });
    };
    fetch();
    move || match chunk.get() {
        Chunk::Fetching => {
            view! { <p class="loading" role="status" data-testid="chunk-loading">"Loading the page…"</p> }.into_any()
        }
        // Once fetched, the chunk is loaded for good: building the page finishes without waiting.
        Chunk::Ready => match (page.render)(route.clone()).now_or_never() {
            Some(Ok(view)) => view,
            _ => view! { <ChunkError retry=fetch/> }.into_any(),
        },
        Chunk::Missing => view! { <ChunkError retry=fetch/> }.into_any(),
    }
}

#[component]
fn ChunkError(retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    view! {
        <div class="alert alert-error" role="alert" data-testid="page-error">
            <div>
                <strong>"This page could not be loaded"</strong>
                <p>"Its code did not arrive: the network or the server may be down. If the console was updated since you opened it, reload the browser tab to get the new version."</p>
            </div>
            <button class="btn" type="button" data-testid="chunk-retry" on:click=move |_| retry()>"Retry"</button>
        </div>
    }
}
