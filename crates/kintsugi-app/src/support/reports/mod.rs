//! A report for a therapist (step 9). One partner asks, naming a period; the other consents or
//! declines; either withdraws consent at any time, which ends every link at once. The report
//! holds what both could read over the period (each step tells its part) and what each chose
//! to add of their own indicators (nothing by default). A link is secret, expires within
//! thirty days, can be ended, needs no account, and every open is listed for both.
//!
//! Where a request stands lives in the store (`kintsugi_store::Stage`), moved inside the write
//! that carries the answer or withdrawal, so a race has one winner. A link holds the report as
//! it was when the link was made, sealed with a key derived from the link's token: the server
//! keeps only the token's hash and a copy of the token sealed with the couple key, so neither a
//! copy of the database nor anyone without the link or a partner's key can read it.

use kintsugi_domain::support::{ReportAddition, ReportAnswer, ReportRequest, ReportWithdrawal};
use kintsugi_domain::{Field, InvalidInput, RecordId, Visibility};
use kintsugi_store::{InboxEntry, NewLink, ReportMove, Stage, Store};
use kintsugi_vault::{Binding, Key, Token};

use super::Refusal;

mod view;
use crate::records;
use crate::told::{Contents, Indicators};
use crate::waiting::{BoxFuture, Effects, InboxItem, Wait};
use crate::{Actor, Error, Result, now};
pub use view::{Added, AddedIndicators, LinkView, NewReport, ReportDoc, ReportView};
use view::{Thread, assemble, period_words, span_of, views};

/// The partner asks the actor to agree to a report.
pub const ASKED: Wait = Wait("report_to_answer");
/// The partner answered the actor's request.
pub const ANSWERED: Wait = Wait("report_answered");
/// The partner withdrew consent.
pub const WITHDRAWN: Wait = Wait("report_withdrawn");

/// The longest a link lasts, in days.
pub const MOST_LINK_DAYS: u32 = 30;
/// How long a link lasts unless asked otherwise, in days.
pub const LINK_DAYS: u32 = 14;
/// How many days a link lasts (form and API field).
pub const DAYS: Field = Field::new("days", "Days the link lasts");
/// Which indicators to add (form and API field).
pub const INDICATORS: Field = Field::new("indicators", "Indicators");

const NEEDS_PARTNER: &str =
    "A report for a therapist is made by the two of you, so you need to be paired first.";
pub(crate) const LINK_KIND: &str = "report_link";
const SNAPSHOT_KIND: &str = "report_snapshot";

/// Every request the actor may read, newest first.
pub async fn reports(actor: &Actor) -> Result<Vec<ReportView>> {
    let threads = records::list_threaded(actor, assemble).await?;
    views(actor, threads).await
}

/// One request.
pub async fn report(actor: &Actor, id: RecordId) -> Result<ReportView> {
    let t = records::get_threaded(actor, id, assemble).await?;
    let mut v = views(actor, vec![t]).await?;
    v.pop().ok_or(Error::NotFound(crate::error::NOT_FOUND))
}

/// Asks the partner to agree to a report over a period (up to today, at most two years).
pub async fn ask(actor: &Actor, new: &NewReport) -> Result<ReportView> {
    let today = actor.zone.format(now(), "%Y-%m-%d");
    let today = kintsugi_domain::promises::day(&today, kintsugi_domain::support::TO)?;
    let body = ReportRequest::new(&new.from, &new.to, today)?;
    let couple = actor.paired(NEEDS_PARTNER)?.id;
    let effects = |id| {
        Effects::none()
            .tell_partner(actor, ASKED, id)
            .report(ReportMove::Ask {
                report: id,
                couple,
                asker: actor.user,
            })
    };
    let id = records::create_with(actor, Visibility::Shared, None, &body, effects).await?;
    report(actor, id).await
}

/// The partner's answer: consent or decline (once; not the asker's to give).
pub async fn answer(actor: &Actor, id: RecordId, consent: bool) -> Result<ReportView> {
    let t = records::get_threaded(actor, id, assemble).await?;
    if t.item.mine {
        return Err(Refusal::OwnReport.into());
    }
    t.item.still_open(actor)?;
    let to = if consent {
        Stage::Consented
    } else {
        Stage::Declined
    };
    let effects = |answer| {
        Effects::none()
            .done(actor, id, &[ASKED])
            .tell_partner_about(actor, ANSWERED, id, Some(answer), None)
            .report(ReportMove::Move {
                report: id,
                by: actor.user,
                from: &[Stage::Asked],
                to,
                not_asker: true,
                at: now(),
            })
    };
    let body = ReportAnswer { consent };
    records::create_with(actor, Visibility::Shared, Some(id), &body, effects).await?;
    report(actor, id).await
}

/// Withdraws consent (either partner, while asked or agreed): every link ends at once.
pub async fn withdraw(actor: &Actor, id: RecordId) -> Result<ReportView> {
    let t = records::get_threaded(actor, id, assemble).await?;
    t.item.still_open(actor)?;
    let effects = |w| {
        Effects::none()
            .settled(id, &[ASKED, ANSWERED])
            .tell_partner_about(actor, WITHDRAWN, id, Some(w), None)
            .report(ReportMove::Move {
                report: id,
                by: actor.user,
                from: &[Stage::Asked, Stage::Consented],
                to: Stage::Withdrawn,
                not_asker: false,
                at: now(),
            })
    };
    let body = ReportWithdrawal {
        by_asker: t.item.mine,
    };
    records::create_with(actor, Visibility::Shared, Some(id), &body, effects).await?;
    report(actor, id).await
}

/// Adds some of the actor's own indicators over the report's period (chosen by name from
/// `offered`); the partner reads them in the report too.
pub async fn add(
    actor: &Actor,
    id: RecordId,
    names: &[String],
    offered: &[&str],
    indicators: Indicators,
) -> Result<ReportView> {
    if names.is_empty() {
        return Err(InvalidInput::Empty { field: INDICATORS }.into());
    }
    if names.len() > offered.len() || names.iter().any(|n| !offered.contains(&n.as_str())) {
        let rule = "names one you don't have. Choose from the list.";
        return Err(InvalidInput::Format {
            field: INDICATORS,
            rule,
        }
        .into());
    }
    let t = records::get_threaded(actor, id, assemble).await?;
    t.item.still_open(actor)?;
    let span = span_of(actor, &t.item.body);
    let body = ReportAddition {
        indicators: indicators(actor, span, names).await?,
    };
    let effects = |_| {
        Effects::none().report(ReportMove::Require {
            report: id,
            by: actor.user,
            within: &[Stage::Asked, Stage::Consented],
        })
    };
    records::create_with(actor, Visibility::Shared, Some(id), &body, effects).await?;
    report(actor, id).await
}

/// The report as it reads now (what a link made now would hold).
pub async fn document(actor: &Actor, id: RecordId, contents: Contents) -> Result<ReportDoc> {
    let t = records::get_threaded(actor, id, assemble).await?;
    document_of(actor, &t, contents).await
}

async fn document_of(actor: &Actor, t: &Thread, contents: Contents) -> Result<ReportDoc> {
    let name = |w: &str| crate::told::name(actor, w);
    let asker = name(&t.who);
    let other = match t.item.mine {
        true => t.item.other(actor),
        false => actor.display_name.clone(),
    };
    let mut indicators: Vec<AddedIndicators> = Vec::new();
    for (_, w, a) in &t.added {
        indicators.push(AddedIndicators {
            who: name(w),
            indicators: a.indicators.clone(),
        });
    }
    Ok(ReportDoc {
        partners: vec![asker, other],
        period: period_words(actor, &t.item.body),
        made: actor.stamp(now()).date(),
        sections: contents(actor, span_of(actor, &t.item.body)).await?,
        indicators,
    })
}

/// Makes a secret link for a therapist (while both agree), lasting `days` (1 to 30).
pub async fn link(
    actor: &Actor,
    id: RecordId,
    days: u32,
    contents: Contents,
) -> Result<ReportView> {
    if !(1..=MOST_LINK_DAYS).contains(&days) {
        let rule = "can be from 1 to 30.";
        return Err(InvalidInput::Format { field: DAYS, rule }.into());
    }
    let t = records::get_threaded(actor, id, assemble).await?;
    t.item.still_open(actor)?;
    let couple = actor.paired(NEEDS_PARTNER)?.id;
    let current = report(actor, id).await?;
    if !current.can_link {
        return Err(Refusal::NotAgreed.into());
    }
    let doc = document_of(actor, &t, contents).await?;
    let json = serde_json::to_string(&doc).map_err(|_| Error::Internal)?;
    let token = Token::generate();
    let link_id = uuid::Uuid::new_v4();
    let made_at = now();
    let new = NewLink {
        id: link_id,
        report: id,
        token_hash: token.lookup_hash(),
        token_sealed: records::seal_for_couple(actor, couple, link_id, LINK_KIND, token.expose())
            .await?,
        snapshot: kintsugi_vault::seal(
            &snapshot_key(&token),
            &snapshot_binding(&link_id, &id),
            &json,
        ),
        made_by: actor.user,
        made_at,
        expires_at: made_at + i64::from(days) * 86_400,
    };
    actor.store.add_report_link(new).await?;
    report(actor, id).await
}

/// Ends one link of the report at once (either partner).
pub async fn end_link(actor: &Actor, id: RecordId, link: &str) -> Result<ReportView> {
    let current = report(actor, id).await?;
    let known = current.links.iter().any(|l| l.id == link && l.live);
    let link = uuid::Uuid::parse_str(link).ok().filter(|_| known);
    let link = link.ok_or(Error::NotFound("There is no such live link."))?;
    actor.store.end_report_link(actor.user, link, now()).await?;
    report(actor, id).await
}

fn snapshot_key(token: &Token) -> Key {
    Key::from_secret(token.expose().as_bytes(), "report link snapshot")
}

fn snapshot_binding<'a>(link: &'a uuid::Uuid, report: &'a RecordId) -> Binding<'a> {
    Binding {
        record_id: link.as_bytes(),
        kind: SNAPSHOT_KIND,
        owner: report.0.as_bytes(),
    }
}

/// Opens a link for whoever holds it (a therapist; no account): the report as it was when the
/// link was made, and the open is listed for both partners. `None` for any link that doesn't
/// open now (unknown, expired, ended, consent withdrawn, the couple ended): one answer for all.
pub async fn open(store: &dyn Store, token: &str) -> Result<Option<ReportDoc>> {
    if token.len() > 100 {
        return Ok(None);
    }
    let token = Token::from_client(token);
    let Some(opened) = store.open_report_link(&token.lookup_hash(), now()).await? else {
        return Ok(None);
    };
    let bound = snapshot_binding(&opened.link, &opened.report);
    let json = kintsugi_vault::open(&snapshot_key(&token), &bound, &opened.snapshot).ok();
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

/// Support's [`Describe`](crate::step::Describe): requests to answer, answers, withdrawals.
pub(crate) fn describe<'a>(
    actor: &'a Actor,
    entries: &'a [InboxEntry],
) -> BoxFuture<'a, Result<Vec<Option<InboxItem>>>> {
    crate::step::threaded(actor, entries, assemble, |actor, t, e| {
        if t.item.closed(actor) {
            return None;
        }
        let period = period_words(actor, &t.item.body);
        let (waiting, words, at) = match e.kind.as_str() {
            k if k == ASKED.0 => {
                let open = !t.item.mine && t.answer.is_none() && t.withdrawal.is_none();
                let words = format!(
                    "{} asks to make a report for a therapist, covering {period}",
                    t.who
                );
                open.then_some((ASKED.0, words, t.item.created_at))?
            }
            k if k == ANSWERED.0 => {
                let (w, yes, at) = t.answer.clone()?;
                let said = if yes { "agreed to" } else { "said no to" };
                let words = format!("{w} {said} the report for a therapist ({period})");
                (t.item.mine && t.withdrawal.is_none()).then_some((ANSWERED.0, words, at))?
            }
            _ => {
                let (w, at) = t.withdrawal.clone()?;
                let words = format!(
                    "{w} withdrew consent to the report for a therapist; its links have ended"
                );
                (w != "You").then_some((WITHDRAWN.0, words, at))?
            }
        };
        Some(InboxItem {
            waiting,
            words: crate::words::ended(&words),
            href: format!("/support/reports/{}", t.item.id),
            at: actor.stamp(at),
        })
    })
}
