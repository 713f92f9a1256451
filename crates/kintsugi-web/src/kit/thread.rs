//! Short texts people write to each other from a page: a form at the top (a question, a request)
//! and a reply under an item (an answer, words back). Questions under an apology, answers to a
//! reassurance request and words back on a reflection are the same shape: one form (`TextForm`:
//! the words and which button), one memory of what was typed (`Typed`), one way to send
//! (`send_text`), and one template macro (`text_form` in `macros.html`).

use std::future::Future;

use axum::response::Response;
use kintsugi_coach::Kind;
use kintsugi_domain::RecordId;
use serde::Deserialize;

use crate::AppError;
use crate::kit::{Ctx, Shown, redirect_or};

/// A short text and the button that sent it (`check`: read it with the coach, send nothing).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct TextForm {
    #[serde(default)]
    pub(crate) text: String,
    #[serde(default)]
    pub(crate) action: String,
}

/// What was typed into a page's text forms, kept when checked or refused: the form at the top,
/// or the one under an item (its id and the words).
#[derive(Debug, Default)]
pub(crate) struct Typed {
    pub(crate) draft: String,
    pub(crate) under: Option<(String, String)>,
}

impl Typed {
    /// What was typed under the item `id` (empty if it was typed elsewhere).
    pub(crate) fn under(&self, id: &str) -> &str {
        match &self.under {
            Some((at, text)) if at == id => text,
            _ => "",
        }
    }
}

/// Sends a text: at the top of a page (`id` none, its field's id `fields[0]`) or under an
/// item (`{fields[1]}-{id}`). "Check my words" reads it with the coach under its field and
/// sends nothing; a refusal shows the page again with what was typed and why, under that field
/// only; a text sent goes where `send` says.
pub(crate) async fn send_text<Fut>(
    cx: &Ctx,
    id: Option<RecordId>,
    fields: [&str; 2],
    form: TextForm,
    send: impl AsyncFnOnce(&str) -> Result<String, AppError>,
    page: impl FnOnce(Shown, Typed) -> Fut,
) -> Result<Response, AppError>
where
    Fut: Future<Output = Result<Response, AppError>>,
{
    let text = form.text;
    let typed = match id {
        None => Typed {
            draft: text.clone(),
            under: None,
        },
        Some(id) => Typed {
            draft: String::new(),
            under: Some((id.to_string(), text.clone())),
        },
    };
    // The field's id on the page: its reading and its errors show under that form only.
    let at = match id {
        None => fields[0].to_string(),
        Some(id) => format!("{}-{id}", fields[1]),
    };
    if form.action == "check" {
        let shown = Shown::checked_field(cx, Kind::Message, &text, at);
        return page(shown, typed).await;
    }
    let sent = send(&text).await;
    let refused = |e| page(Shown::refused(e).about(&at), typed);
    redirect_or(sent, |to| to, refused).await
}
