//! How a request for a report reads: its thread (answer, withdrawal, additions), where the
//! store says it stands, its links with every open, and the report itself as a therapist reads it.

use kintsugi_domain::RecordId;
use kintsugi_domain::support::{
    Indicator, ReportAddition, ReportAnswer, ReportRequest, ReportWithdrawal,
};
use kintsugi_store::{ReportState, Stage};
use serde::{Deserialize, Serialize};

use super::LINK_KIND;
use crate::records::{self, Item, Threads};
use crate::step::Keyed;
use crate::told::{Section, Span};
use crate::{Actor, Result, Stamp, now};

/// A request with what followed it, as read from its thread.
#[derive(Debug)]
pub(crate) struct Thread {
    pub(super) item: Item<ReportRequest>,
    pub(super) answer: Option<(String, bool, i64)>,
    pub(super) withdrawal: Option<(String, i64)>,
    pub(super) added: Vec<(bool, String, ReportAddition)>,
    pub(super) who: String,
}

impl Keyed for Thread {
    fn key(&self) -> RecordId {
        self.item.id
    }
}

fn who(actor: &Actor, mine: bool, item_couple: &Item<impl Sized>) -> String {
    if mine {
        "You".into()
    } else {
        item_couple.other(actor)
    }
}

pub(crate) fn assemble(actor: &Actor, item: Item<ReportRequest>, threads: &Threads<'_>) -> Thread {
    let answer = threads
        .of::<ReportAnswer>(item.id)
        .into_iter()
        .find(|a| a.author != item.author)
        .map(|a| (who(actor, a.mine, &a), a.body.consent, a.created_at));
    let withdrawal = threads
        .of::<ReportWithdrawal>(item.id)
        .into_iter()
        .next()
        .map(|w| (who(actor, w.mine, &w), w.created_at));
    let added = threads
        .of::<ReportAddition>(item.id)
        .into_iter()
        .map(|a| (a.mine, who(actor, a.mine, &a), a.body))
        .collect();
    Thread {
        who: who(actor, item.mine, &item),
        item,
        answer,
        withdrawal,
        added,
    }
}

/// One of a report's links, as both partners see it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkView {
    /// Its id.
    pub id: String,
    /// Its address on this server (`/report/<secret>`), while it is live; give it to the
    /// therapist whole.
    pub path: Option<String>,
    /// Who made it ("You", "Sam").
    pub made_by: String,
    /// When.
    pub made_at: Stamp,
    /// When it stops opening.
    pub expires_at: Stamp,
    /// Whether it opens now.
    pub live: bool,
    /// When it was ended, if it was.
    pub ended_at: Option<Stamp>,
    /// Every time it was opened, oldest first.
    pub opens: Vec<Stamp>,
}

/// Indicators one partner added.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Added {
    /// Who added them ("You", "Sam"; a name in a report).
    pub who: String,
    /// The indicators' names.
    pub names: Vec<String>,
}

/// A request for a report, where it stands and its links.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportView {
    /// Its id.
    pub id: String,
    /// Whether the actor asked.
    pub mine: bool,
    /// Who asked ("You", "Sam").
    pub asked_by: String,
    /// The first day (YYYY-MM-DD).
    pub from: String,
    /// The last day.
    pub to: String,
    /// The period in words.
    pub period: String,
    /// `asked`, `consented`, `declined` or `withdrawn`.
    pub stage: &'static str,
    /// Where it stands, in words.
    pub status: String,
    /// Whether the actor is the one to answer now.
    pub your_turn: bool,
    /// Whether links can be made (both agreed, the couple lasts).
    pub can_link: bool,
    /// Whether it can still be withdrawn (or added to).
    pub live: bool,
    /// What each partner added of their own.
    pub added: Vec<Added>,
    /// Its links, oldest first.
    pub links: Vec<LinkView>,
    /// Whether it belongs to a couple that has ended.
    pub closed: bool,
    /// When it was asked.
    pub created_at: Stamp,
}

/// A report as a therapist reads it (and as both partners can print it): names, never "you".
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportDoc {
    /// The two partners' names, the asker first.
    pub partners: Vec<String>,
    /// The period in words.
    pub period: String,
    /// When it was made, in words.
    pub made: String,
    /// Each step's part.
    pub sections: Vec<Section>,
    /// What each partner chose to add of their own.
    pub indicators: Vec<AddedIndicators>,
}

/// The indicators one partner added, as a report holds them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddedIndicators {
    /// Who added them (a name).
    pub who: String,
    /// Month by month.
    pub indicators: Vec<Indicator>,
}

/// A new request: the period.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewReport {
    /// The first day (YYYY-MM-DD).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub from: String,
    /// The last day (YYYY-MM-DD), not after today.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub to: String,
}

pub(super) fn span_of(actor: &Actor, r: &ReportRequest) -> Span {
    let at = |day: &str| actor.zone.instant(&format!("{day}T00:00")).unwrap_or(0);
    let next = kintsugi_domain::promises::day(&r.to, kintsugi_domain::support::TO)
        .ok()
        .and_then(|d| d.tomorrow().ok())
        .map(kintsugi_domain::promises::day_str)
        .unwrap_or_default();
    Span {
        from: at(&r.from),
        to: at(&next),
    }
}

pub(super) fn period_words(actor: &Actor, r: &ReportRequest) -> String {
    let span = span_of(actor, r);
    let (first, last) = (
        actor.stamp(span.from).date(),
        actor.stamp(span.to - 1).date(),
    );
    match first == last {
        true => first,
        false => format!("{first} to {last}"),
    }
}

pub(super) fn view(
    actor: &Actor,
    t: &Thread,
    state: Option<&ReportState>,
    links: Vec<LinkView>,
) -> ReportView {
    let stage = state
        .map(|s| s.stage)
        .unwrap_or(match (&t.withdrawal, &t.answer) {
            (Some(_), _) => Stage::Withdrawn,
            (None, Some((_, true, _))) => Stage::Consented,
            (None, Some((_, false, _))) => Stage::Declined,
            (None, None) => Stage::Asked,
        });
    let closed = t.item.closed(actor);
    let other = t.item.other(actor);
    let status = match (stage, t.item.mine) {
        (Stage::Asked, true) => format!("Waiting for {other} to answer."),
        (Stage::Asked, false) => format!("{} asked. It is made only if you agree too.", t.who),
        (Stage::Consented, _) => "You both agreed. Either of you can make a link for a therapist, or withdraw consent at any time.".into(),
        (Stage::Declined, _) => match &t.answer {
            Some((w, _, _)) => format!("{w} said no. Nothing was made."),
            None => "Declined. Nothing was made.".into(),
        },
        (Stage::Withdrawn, _) => match &t.withdrawal {
            Some((w, _)) => format!("{w} withdrew consent. Every link ended with it."),
            None => "Consent was withdrawn. Every link ended with it.".into(),
        },
    };
    let mut added: Vec<Added> = Vec::new();
    for (_, w, a) in &t.added {
        let names = a.indicators.iter().map(|i| i.name.clone());
        match added.iter_mut().find(|x| &x.who == w) {
            Some(x) => x.names.extend(names),
            None => added.push(Added {
                who: w.clone(),
                names: names.collect(),
            }),
        }
    }
    let live = matches!(stage, Stage::Asked | Stage::Consented) && !closed;
    ReportView {
        id: t.item.id.to_string(),
        mine: t.item.mine,
        asked_by: t.who.clone(),
        from: t.item.body.from.clone(),
        to: t.item.body.to.clone(),
        period: period_words(actor, &t.item.body),
        stage: stage.as_str(),
        status,
        your_turn: stage == Stage::Asked && !t.item.mine && !closed,
        can_link: stage == Stage::Consented && !closed,
        live,
        added,
        links,
        closed,
        created_at: actor.stamp(t.item.created_at),
    }
}

async fn links_of(actor: &Actor, state: &ReportState) -> Result<Vec<LinkView>> {
    let t = now();
    let mut out = Vec::new();
    for l in &state.links {
        let live = l.ended_at.is_none() && l.expires_at > t && state.stage == Stage::Consented;
        let token = match live {
            true => {
                records::open_for_couple(actor, state.couple, l.id, LINK_KIND, &l.token_sealed)
                    .await?
            }
            false => None,
        };
        out.push(LinkView {
            id: l.id.to_string(),
            live: live && token.is_some(),
            path: token.map(|t| format!("/report/{t}")),
            made_by: match l.made_by == actor.user {
                true => "You".into(),
                false => actor.partner_in(Some(state.couple)),
            },
            made_at: actor.stamp(l.made_at),
            expires_at: actor.stamp(l.expires_at),
            ended_at: l.ended_at.map(|e| actor.stamp(e)),
            opens: l.opens.iter().map(|o| actor.stamp(*o)).collect(),
        });
    }
    Ok(out)
}

pub(super) async fn views(actor: &Actor, threads: Vec<Thread>) -> Result<Vec<ReportView>> {
    let ids: Vec<RecordId> = threads.iter().map(|t| t.item.id).collect();
    let states = actor.store.report_states(&actor.viewer(), &ids).await?;
    let mut out = Vec::new();
    for t in &threads {
        let state = states.iter().find(|s| s.report == t.item.id);
        let links = match state {
            Some(s) => links_of(actor, s).await?,
            None => Vec::new(),
        };
        out.push(view(actor, t, state, links));
    }
    Ok(out)
}
