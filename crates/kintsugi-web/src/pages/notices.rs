//! Notices: what the app tells a person the next time they open it (for now, that an
//! administrator's reset of the partner's password ended the couple). Shown on Home until the
//! person dismisses them; they say only what was done to the couple, never a partner's activity.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use kintsugi_store::NoticeKind;

use crate::kit::Me;
use crate::{AppError, AppState};

/// A notice as Home shows it.
pub(crate) struct NoticeView {
    /// The id, for the dismiss button.
    pub(crate) id: String,
    /// What happened, in plain words.
    pub(crate) text: String,
    /// When.
    pub(crate) date: String,
}

/// What happened, in plain words, naming the person it happened with (`who`: their name, or
/// "your partner" when the couple can't be found), so a notice still reads right after the
/// person pairs with someone new.
fn words(kind: NoticeKind, who: &str) -> String {
    match kind {
        NoticeKind::PartnerReset => format!(
            "{}'s password was reset by the person who runs this Kintsugi, without \
             their recovery key. Their old key is gone, so your couple has ended. \
             Everything you wrote is still here and still yours. If you both want to go on \
             together, one of you can make a new invite on the Partner page.",
            kintsugi_app::words::capital(who)
        ),
        NoticeKind::Recovered => "Your account was recovered with its recovery key, and every \
             device that was signed in was signed out. If that was you, there is nothing more to \
             do. If it wasn't, someone has your recovery key: change your password now, and \
             choose to replace your recovery key as you do."
            .to_string(),
        NoticeKind::PartnerDeleted => "Your partner deleted their Kintsugi account. What they \
             wrote, including what they had shared with you, is gone, and your couple has \
             ended. Everything you wrote is still here and still yours. Take care of yourself; \
             this can be a lot."
            .to_string(),
        NoticeKind::PartnerLeft => format!(
            "{} left your couple in Kintsugi. What the two of you shared stays here as a \
             history you can both still read, unless one of you withdraws what they shared. \
             Everything you wrote is still yours, and you can withdraw what you shared on the \
             Partner page whenever you want. Take care of yourself; this can be a lot.",
            kintsugi_app::words::capital(who)
        ),
    }
}

/// The person's notices (as the inbox read them, oldest first) made ready for Home.
pub(crate) async fn for_home(
    state: &AppState,
    me: &crate::accounts::Current,
    notices: Vec<kintsugi_store::Notice>,
) -> Result<Vec<NoticeView>, AppError> {
    if notices.is_empty() {
        return Ok(Vec::new());
    }
    // A couple ends in the same moment its notice is written: that names who it was with.
    let couples = state.store.couples_of(me.user.id).await?;
    let who = |at| {
        couples
            .iter()
            .find(|c| c.ended_at == Some(at))
            .map_or("your partner".to_string(), |c| {
                c.partner_display_name.clone()
            })
    };
    Ok(notices
        .into_iter()
        .map(|n| NoticeView {
            id: n.id.to_string(),
            text: words(n.kind, &who(n.created_at)),
            date: me.stamp(n.created_at).date(),
        })
        .collect())
}

async fn dismiss(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id = uuid::Uuid::parse_str(&id)
        .map_err(|_| AppError::NotFound("We couldn't find that notice."))?;
    if !state.store.dismiss_notice(me.0.user.id, id).await? {
        return Err(AppError::NotFound("We couldn't find that notice."));
    }
    Ok(Redirect::to("/").into_response())
}

/// `POST /notices/{id}/dismiss`.
pub(crate) fn pages() -> Router<AppState> {
    Router::new().route("/notices/{id}/dismiss", post(dismiss))
}
