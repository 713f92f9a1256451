//! Time together, planned and looked back on (how it went, privately; a line for the partner
//! if wished), and appreciations: short notes of thanks both can reread.

use kintsugi_domain::closeness::{Appreciation, Line, Moment, WENT, Went, scale, short_text, what};
use kintsugi_domain::talk::TalkTime;
use kintsugi_domain::{RecordId, Visibility};
use kintsugi_store::DueWhen;

use super::{
    AppreciationView, LOOKED_BACK, MOMENT_DUE, MomentView, NEEDS_PARTNER, NewLookBack, NewMoment,
    NewText, PLANNED, Refusal, THANKED,
};
use crate::records::{self, Listed, Page};
use crate::waiting::{Effects, opened_all};
use crate::{Actor, Result, now};

/// A page of the couple's time together, newest first; opening it clears what waited.
pub async fn moments(actor: &Actor, page: Page) -> Result<Listed<MomentView>> {
    let listed = records::page_threaded(actor, page, MomentView::new).await?;
    opened_all(actor, &[PLANNED, LOOKED_BACK]).await?;
    Ok(listed)
}

/// Plans time together, at a time still to come (on the actor's clock); it falls due for both.
pub async fn plan(actor: &Actor, new: &NewMoment) -> Result<MomentView> {
    let what = what(&new.what)?;
    let at = TalkTime::parse_in(&new.at, &actor.zone)?
        .upcoming(now())?
        .at();
    actor.paired(NEEDS_PARTNER)?;
    let effects = |id| {
        Effects::none().tell_partner(actor, PLANNED, id).due(
            actor,
            id,
            MOMENT_DUE,
            Some((DueWhen::At(at), None)),
            true,
        )
    };
    let body = Moment { what, at };
    let id = records::create_with(actor, Visibility::Shared, None, &body, effects).await?;
    records::get_threaded(actor, id, MomentView::new).await
}

/// Looks back on time together once its time came: how it went (for the actor alone) and,
/// if wished, a line for the partner. Once each.
pub async fn look_back(actor: &Actor, id: RecordId, new: &NewLookBack) -> Result<MomentView> {
    let went = Went {
        went: scale(WENT, new.went, 1, 5)?,
    };
    let line = match new.line.trim().is_empty() {
        true => None,
        false => Some(Line {
            text: short_text(&new.line)?,
        }),
    };
    let moment = records::get_threaded(actor, id, MomentView::new).await?;
    if moment.closed {
        return Err(crate::Error::closed());
    }
    if !moment.has_come {
        return Err(Refusal::LookBack("You can look back on this once its time has come.").into());
    }
    if moment.went.is_some() {
        return Err(Refusal::LookBack("You've already looked back on this one.").into());
    }
    match line {
        None => {
            records::create(actor, Visibility::Private, Some(id), &went).await?;
        }
        Some(line) => {
            let part = records::part(actor, &went).await?;
            let effects = |line_id| {
                Effects::none()
                    .tell_partner_about(actor, LOOKED_BACK, id, Some(line_id), None)
                    .with_part(part, id)
            };
            records::create_with(actor, Visibility::Shared, Some(id), &line, effects).await?;
        }
    }
    records::get_threaded(actor, id, MomentView::new).await
}

/// A page of appreciations between the partners, newest first; opening it clears what waited.
pub async fn appreciations(actor: &Actor, page: Page) -> Result<Listed<AppreciationView>> {
    let listed = records::page_threaded(actor, page, AppreciationView::new).await?;
    opened_all(actor, &[THANKED]).await?;
    Ok(listed)
}

/// Sends a short note of thanks to the partner.
pub async fn thank(actor: &Actor, new: &NewText) -> Result<RecordId> {
    let text = short_text(&new.text)?;
    actor.paired(NEEDS_PARTNER)?;
    let effects = |id| Effects::none().tell_partner(actor, THANKED, id);
    records::create_with(
        actor,
        Visibility::Shared,
        None,
        &Appreciation { text },
        effects,
    )
    .await
}
