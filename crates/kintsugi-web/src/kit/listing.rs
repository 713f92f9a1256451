//! A page that lists a step's items a page at a time, with the forms around them: what such
//! a page shows around its items (`Frame`), how it reads a page of them (`Listing`), and its
//! template struct (`listing!`, one line a page). The step names its view, its template, the
//! app's function that reads a page, and where the page is.

use askama::Template;
use axum::response::Response;
use kintsugi_app::records::{Listed, Page};

use crate::AppError;
use crate::kit::{Ctx, Fields, Nav, Shown, Typed, older, render};

/// What a listing page shows around its items.
pub(crate) struct Frame {
    pub(crate) nav: Nav,
    pub(crate) shown: Shown,
    pub(crate) typed: Fields,
    pub(crate) under: Typed,
    pub(crate) older: Option<String>,
}

/// A page's status, from what it shows.
pub(crate) trait Shows {
    fn status(&self) -> axum::http::StatusCode;
}

/// A view listed on its own page: where the page is, its template, and how a page is read.
pub(crate) trait Listing: Sized {
    /// Where the page is.
    const PATH: &'static str;
    /// Its page.
    type Page: Template + Shows;
    /// Reads a page of the items.
    async fn list(cx: &Ctx, at: Page) -> Result<Listed<Self>, AppError>;
    /// The page around them.
    fn page(frame: Frame, items: Vec<Self>) -> Self::Page;
}

/// Declares a view's listing page: `listing!(View, PageStruct, "/path", "template.html",
/// app::function_reading_a_page)`.
macro_rules! listing {
    ($view:ty, $page:ident, $path:literal, $template:literal, $list:path) => {
        #[derive(askama::Template)]
        #[template(path = $template)]
        pub(crate) struct $page {
            nav: $crate::kit::Nav,
            shown: $crate::kit::Shown,
            typed: $crate::kit::Fields,
            /// What was typed under an item (where a page has forms under its items).
            #[allow(dead_code)]
            under: $crate::kit::Typed,
            older: Option<String>,
            items: Vec<$view>,
        }

        impl $crate::kit::Shows for $page {
            fn status(&self) -> axum::http::StatusCode {
                self.shown.status
            }
        }

        impl $crate::kit::Listing for $view {
            const PATH: &'static str = $path;
            type Page = $page;
            async fn list(
                cx: &$crate::kit::Ctx,
                at: kintsugi_app::records::Page,
            ) -> Result<kintsugi_app::records::Listed<Self>, $crate::AppError> {
                Ok($list(&cx.actor, at).await?)
            }
            fn page(f: $crate::kit::Frame, items: Vec<Self>) -> $page {
                let $crate::kit::Frame {
                    nav,
                    shown,
                    typed,
                    under,
                    older,
                } = f;
                $page {
                    nav,
                    shown,
                    typed,
                    under,
                    older,
                    items,
                }
            }
        }
    };
}
pub(crate) use listing;

/// A listing page at `at`, labelled for `step`, showing `shown`, `typed` and `under` around
/// its items.
pub(crate) async fn show_listing<V: Listing>(
    cx: &Ctx,
    step: &'static kintsugi_app::steps::Step,
    (shown, typed, under): (Shown, Fields, Typed),
    at: Page,
) -> Result<Response, AppError> {
    let listed = V::list(cx, at).await?;
    let frame = Frame {
        older: older(V::PATH, listed.next.as_deref()),
        nav: cx.nav_for(step).await,
        shown,
        typed,
        under,
    };
    let page = V::page(frame, listed.items);
    Ok(render(page.status(), &page))
}
