//! Conversation prompts: a couple draws one, both answer on their own, and both answers are
//! revealed together once both answered (each answer is of the pair `prompt:<id>`). No prompt
//! repeats for a couple until its depth is used up; either can set one aside.

use kintsugi_domain::closeness::{Answer, Draw, Skip, answer, next_prompt};
use kintsugi_domain::{RecordId, Visibility};

use super::{ANSWERED, DRAWN, NEEDS_PARTNER, NewDraw, NewText, PAGE, PromptView, Refusal};
use crate::records::{self, Listed, Page};
use crate::waiting::{Effects, opened_all};
use crate::{Actor, Result};

/// The pair both answers to a prompt belong to.
fn pair(id: RecordId) -> String {
    format!("prompt:{id}")
}

/// The views with whether the partner answered, which the store says without revealing what.
async fn with_presence(actor: &Actor, mut views: Vec<PromptView>) -> Result<Vec<PromptView>> {
    let asked: Vec<String> = views
        .iter()
        .filter(|v| v.theirs.is_none() && !v.closed)
        .map(|v| pair(v.key))
        .collect();
    let answered = actor.store.answered_pairs(&actor.viewer(), &asked).await?;
    for v in &mut views {
        v.they_answered |= answered.contains(&pair(v.key));
    }
    Ok(views)
}

/// A page of the couple's prompts, newest first, with the answers the actor may see; opening
/// it clears what waited about prompts.
pub async fn prompts(actor: &Actor, page: Page) -> Result<Listed<PromptView>> {
    let listed = records::page_threaded(actor, page, PromptView::new).await?;
    let items = with_presence(actor, listed.items).await?;
    opened_all(actor, &[DRAWN, ANSWERED]).await?;
    Ok(Listed { items, ..listed })
}

async fn one(actor: &Actor, id: RecordId) -> Result<PromptView> {
    let view = records::get_threaded(actor, id, PromptView::new).await?;
    Ok(with_presence(actor, vec![view]).await?.remove(0))
}

/// Draws a prompt of a depth for both: one the couple hasn't had since that depth was last
/// used up. Refused while another waits for an answer.
pub async fn draw(actor: &Actor, new: &NewDraw) -> Result<PromptView> {
    let couple = actor.paired(NEEDS_PARTNER)?.id;
    // Every draw of this couple, oldest first: a handful a week at most.
    let mut drawn = records::list::<Draw>(actor).await?;
    drawn.retain(|d| d.couple == Some(couple));
    drawn.reverse();
    let recent: Vec<RecordId> = drawn
        .iter()
        .rev()
        .take(PAGE as usize)
        .map(|d| d.id)
        .collect();
    let threads = records::threads(actor, &recent).await?;
    for id in &recent {
        let item = drawn
            .iter()
            .find(|d| d.id == *id)
            .cloned()
            .ok_or(crate::Error::Internal)?;
        let view = PromptView::new(actor, item, &threads);
        if with_presence(actor, vec![view]).await?.remove(0).open() {
            return Err(Refusal::PromptOpen.into());
        }
    }
    let used: Vec<u16> = drawn
        .iter()
        .filter(|d| d.body.depth == new.depth)
        .map(|d| d.body.number)
        .collect();
    let seed = RecordId::new().0.as_u64_pair().0;
    let number = next_prompt(&used, used.last().copied(), seed);
    let body = Draw {
        depth: new.depth,
        number,
    };
    let tell = |id| Effects::none().tell_partner(actor, DRAWN, id);
    let id = records::create_with(actor, Visibility::Shared, None, &body, tell).await?;
    one(actor, id).await
}

/// Answers a prompt; the partner reads it once they answered too, and the actor theirs.
pub async fn answer_prompt(actor: &Actor, id: RecordId, new: &NewText) -> Result<PromptView> {
    let text = answer(&new.text)?;
    let view = one(actor, id).await?;
    if view.closed {
        return Err(crate::Error::closed());
    }
    if view.mine.is_some() || view.skipped_by.is_some() {
        return Err(Refusal::PromptDone.into());
    }
    let effects = |answer| {
        Effects::none()
            .done(actor, id, &[DRAWN, ANSWERED])
            .tell_partner_about(actor, ANSWERED, id, Some(answer), None)
    };
    let body = Answer { text };
    records::create_paired(actor, Some(id), &body, &pair(id), effects).await?;
    one(actor, id).await
}

/// Sets a prompt aside for both (before both answered).
pub async fn skip(actor: &Actor, id: RecordId) -> Result<PromptView> {
    let view = one(actor, id).await?;
    if view.closed {
        return Err(crate::Error::closed());
    }
    if !view.open() {
        return Err(Refusal::PromptDone.into());
    }
    let effects = |_| Effects::none().settled(id, &[DRAWN, ANSWERED]);
    records::create_with(actor, Visibility::Shared, Some(id), &Skip {}, effects).await?;
    one(actor, id).await
}
