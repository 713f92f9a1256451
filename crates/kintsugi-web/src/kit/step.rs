//! What a step gives the web, beside its entry in the app's registry: its pages, its API (with
//! their document), where its tools are, and its guide, whose template also holds the step's
//! words (its heading and a one-line summary, as blocks the program page and Home render). The
//! table of them is in `steps/mod.rs`; this is only the shape, so a step's adapter imports it
//! without importing the table.

use axum::Router;
use axum::response::Response;
use kintsugi_app::steps::Step;

use crate::AppState;
use crate::kit::{ApiRouter, Nav};

/// One step on the web.
pub(crate) struct WebStep {
    /// Its entry in the registry (number, slug, what it stores and leaves waiting).
    pub(crate) step: &'static Step,
    /// Where its tools are.
    pub(crate) path: &'static str,
    /// Further pages of the step, with their names.
    pub(crate) more: &'static [(&'static str, &'static str)],
    /// Its pages.
    pub(crate) pages: fn() -> Router<AppState>,
    /// Its API, nested under `/api/v1`, each route with its annotation.
    pub(crate) api: fn() -> ApiRouter,
    /// Its guide page, given the frame.
    pub(crate) guide: fn(Nav, &'static Step) -> Response,
    /// Its heading ("Talk: honest, calm, together"), from its guide.
    pub(crate) heading: fn() -> String,
    /// Its guide's words as plain text (for the guide's search).
    pub(crate) text: fn() -> String,
    /// What it gives a person, in a sentence or two, from its guide.
    pub(crate) summary: fn() -> String,
}

impl WebStep {
    /// Its heading, from its guide.
    pub(crate) fn title(&self) -> String {
        (self.heading)()
    }

    /// What it gives a person, from its guide.
    pub(crate) fn about(&self) -> String {
        (self.summary)()
    }

    /// "Step 2".
    pub(crate) fn label(&self) -> String {
        self.step.label()
    }

    /// Where its guide is.
    pub(crate) fn guide_path(&self) -> String {
        format!("/guide/{}", self.step.slug)
    }
}

/// A step's guide page and its words: its own template renders the whole guide (with the frame,
/// `nav`, and the step's entry, `step`, for "Step 2"), and its `heading` and `summary` blocks
/// alone for the program page and Home.
macro_rules! guide_page {
    ($step:path, $path:literal) => {
        const STEP_OF_GUIDE: kintsugi_app::steps::Step = $step;

        #[derive(askama::Template)]
        #[template(path = $path)]
        struct Guide {
            nav: $crate::kit::Nav,
            step: &'static kintsugi_app::steps::Step,
        }

        #[derive(askama::Template)]
        #[template(path = $path, block = "heading")]
        struct Heading;

        #[derive(askama::Template)]
        #[template(path = $path, block = "summary")]
        struct Summary;

        #[derive(askama::Template)]
        #[template(path = $path, block = "content")]
        struct Text {
            step: &'static kintsugi_app::steps::Step,
        }

        /// This step's guide page.
        fn guide(
            nav: $crate::kit::Nav,
            step: &'static kintsugi_app::steps::Step,
        ) -> axum::response::Response {
            $crate::kit::render(axum::http::StatusCode::OK, &Guide { nav, step })
        }

        /// This step's heading.
        fn heading() -> String {
            askama::Template::render(&Heading).unwrap_or_default()
        }

        /// What this step gives a person.
        fn summary() -> String {
            askama::Template::render(&Summary).unwrap_or_default()
        }

        /// This step's guide as plain text.
        fn text() -> String {
            let step = &STEP_OF_GUIDE;
            $crate::kit::plain_text(&askama::Template::render(&Text { step }).unwrap_or_default())
        }
    };
}
pub(crate) use guide_page;

/// What a step's `mod.rs` declares: its `WEB` entry, from its registry entry (`$step`), where
/// its tools are, its further pages, its guide template, and its `pages::pages` and `api::api`.
macro_rules! web_step {
    ($step:path, $path:literal, [$($more:expr),* $(,)?], $guide:literal) => {
        $crate::kit::guide_page!($step, $guide);

        /// This step on the web.
        pub(crate) const WEB: $crate::kit::WebStep = $crate::kit::WebStep {
            step: &$step,
            path: $path,
            more: &[$($more),*],
            pages: pages::pages,
            api: api::api,
            guide,
            heading,
            text,
            summary,
        };
    };
}
pub(crate) use web_step;

/// HTML as plain text: tags dropped, entities for quotes and ampersands read back, spaces
/// folded (for searching what a page says).
pub(crate) fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
