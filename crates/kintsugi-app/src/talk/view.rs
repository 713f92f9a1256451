//! How a talk is shown: the one schema the API, the pages and an export share, with the words
//! a person reads ("Sam proposed Friday 27 November, 19:30. Your answer is welcome.").

use kintsugi_domain::InvalidInput;
use kintsugi_domain::talk::{Reply, Scale, Status, TalkReflection};
use serde::{Deserialize, Serialize};

use super::Talk;
use crate::{Actor, Stamp, now};

/// A talk as its reader sees it.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TalkView {
    /// Its id.
    pub id: String,
    /// Who can read it now, in words.
    pub seen_by: crate::SeenBy,
    /// Whether the one who proposed it withdrew their words (then `topic` is empty and `title`
    /// says so; the time and what both agreed stay).
    pub withdrawn: bool,
    /// The topic, or what became of it, in words.
    pub title: String,
    /// The same, for the app's own use.
    #[serde(skip)]
    pub(crate) key: kintsugi_domain::RecordId,
    /// What it's about.
    pub topic: String,
    /// Whether you proposed it.
    pub mine: bool,
    /// `proposed` or `agreed`.
    pub status: &'static str,
    /// The time on the table or agreed, on your clock (`YYYY-MM-DDTHH:MM` in your time zone).
    pub time: String,
    /// The same moment as an instant, with your zone's offset.
    pub starts_at: Stamp,
    /// Whether the agreed time has come: breaks and your private rating are open.
    pub begun: bool,
    /// Whether it is behind you: held (its time passed a few hours ago), called off, or closed.
    pub done: bool,
    /// Whether the time on the table has passed (it can't be agreed any more; a new one can
    /// be proposed).
    pub passed: bool,
    /// Where it stands, in words.
    pub summary: String,
    /// For `proposed`: whether it's your turn to answer.
    pub your_turn: bool,
    /// Whether your couple has ended: then the talk is a closed, read-only history.
    pub closed: bool,
    /// Who the other person is, in words ("Sam", or "your former partner" once closed).
    pub partner: String,
    /// The replies that shaped the plan, oldest first.
    pub events: Vec<EventView>,
    /// Breaks, oldest first.
    pub pauses: Vec<PauseView>,
    /// Your own after-talk rating (never shown to your partner).
    #[serde(skip)]
    pub rating: Option<Rating>,
    /// When it was proposed.
    pub created_at: Stamp,
}

/// A reply in a talk's planning.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventView {
    /// Who, in words ("You", "Sam").
    pub who: String,
    /// What they did, in words.
    pub what: String,
    /// Their note, if any.
    pub note: String,
    /// When.
    pub at: Stamp,
}

/// A break.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PauseView {
    /// Its record, for the reader's own "seen" mark.
    #[serde(skip)]
    pub(crate) key: kintsugi_domain::RecordId,
    /// `you` or `partner`.
    pub by: &'static str,
    /// Who, in words.
    pub who: String,
    /// How long.
    pub minutes: u32,
    /// When it was called.
    pub called_at: Stamp,
    /// When to come back.
    pub back_at: Stamp,
}

impl TalkView {
    pub(super) fn new(actor: &Actor, t: Talk) -> TalkView {
        let now = now();
        let zone = &actor.zone;
        let partner = t.other.clone();
        let who = |mine: bool| match mine {
            true => "You".to_string(),
            false => partner.clone(),
        };
        let (status, time) = match t.status {
            Status::Proposed { time, .. } => ("proposed", time),
            Status::Agreed { time } => ("agreed", time),
            Status::Withdrawn { time } => ("withdrawn", time),
            Status::Cancelled { time, .. } => ("cancelled", time),
        };
        TalkView {
            id: t.id.to_string(),
            key: t.id,
            mine: t.mine,
            status,
            time: time.value_in(zone),
            starts_at: actor.stamp(time.at()),
            begun: t.status.begun(now).is_ok(),
            passed: time.upcoming(now).is_err(),
            done: t.closed || !t.status.is_live() || time.at() + HELD_AFTER_SECONDS < now,
            summary: summary(&t, actor, &partner, now),
            your_turn: t.turn_of(actor.user) && !t.closed,
            closed: t.closed,
            events: t
                .events
                .iter()
                .map(|e| EventView {
                    who: who(e.mine),
                    what: match &e.reply {
                        Reply::Accept { .. } => "agreed to the time".to_string(),
                        Reply::Counter { time, .. } => {
                            format!("proposed {} instead", time.friendly_in(zone, now))
                        }
                        Reply::Withdraw { .. } => "withdrew the proposal".to_string(),
                        Reply::Cancel { .. } => "called the talk off".to_string(),
                    },
                    note: e.reply.note().to_string(),
                    at: actor.stamp(e.at),
                })
                .collect(),
            pauses: t
                .pauses
                .iter()
                .map(|(mine, key, p)| PauseView {
                    key: *key,
                    by: if *mine { "you" } else { "partner" },
                    who: who(*mine),
                    minutes: p.minutes,
                    called_at: actor.stamp(p.called_at),
                    back_at: actor.stamp(p.back_at()),
                })
                .collect(),
            rating: t.reflection.map(Rating::from),
            title: match t.withdrawn {
                true => format!("A talk ({partner} withdrew its topic)"),
                false => t.proposal.topic.clone(),
            },
            topic: t.proposal.topic,
            seen_by: t.seen_by.clone(),
            withdrawn: t.withdrawn,
            created_at: actor.stamp(t.created_at),
            partner,
        }
    }

    /// Whether both agreed on a time.
    pub fn agreed(&self) -> bool {
        self.status == "agreed"
    }

    /// Whether it is still being planned or held (not withdrawn or called off, not closed).
    pub fn live(&self) -> bool {
        !self.closed && matches!(self.status, "proposed" | "agreed")
    }

    /// Who proposed it, in words.
    pub fn proposer(&self) -> &str {
        if self.mine { "you" } else { &self.partner }
    }
}

/// How long after its start a talk counts as held and moves to the past.
pub const HELD_AFTER_SECONDS: i64 = 3 * 3600;

fn summary(t: &Talk, actor: &Actor, partner: &str, now: i64) -> String {
    let when = |time: kintsugi_domain::talk::TalkTime| time.friendly_in(&actor.zone, now);
    match (t.closed, t.status) {
        (true, Status::Agreed { time }) => format!(
            "Closed: your couple has ended, so this talk stays as it was. Agreed: {}",
            when(time)
        ),
        (true, Status::Proposed { time, .. }) => format!(
            "Closed: your couple ended before a time was agreed. The last time proposed was {}.",
            when(time)
        ),
        (false, Status::Agreed { time }) if time.at() + HELD_AFTER_SECONDS < now => {
            format!("Agreed for {}. That time is behind you now.", when(time))
        }
        (false, Status::Agreed { time }) => format!("Agreed: {}", when(time)),
        (false, Status::Proposed { time, .. }) if time.upcoming(now).is_err() => format!(
            "{} passed before it was agreed. Either of you can propose a new time.",
            when(time)
        ),
        (false, Status::Proposed { by, time }) if by == actor.user => {
            format!("You proposed {}. Waiting for {partner}.", when(time))
        }
        (_, Status::Withdrawn { time }) => format!(
            "Withdrawn before it was agreed. The time was {}.",
            when(time)
        ),
        (_, Status::Cancelled { by, .. }) if by == actor.user => {
            "You called this talk off. You can propose a new one when you're ready.".to_string()
        }
        (_, Status::Cancelled { .. }) => {
            format!("{partner} called this talk off. You can propose a new one when you're ready.")
        }
        (false, Status::Proposed { time, .. }) => {
            format!("{partner} proposed {}. Your answer is welcome.", when(time))
        }
    }
}

/// A private after-talk rating, as it is given and read back.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"felt_heard": 4, "stayed_calm": 3, "turned_into_fight": false, "about_past": true})))]
pub struct Rating {
    /// I felt heard: 1–5.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub felt_heard: u8,
    /// I stayed calm: 1–5.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub stayed_calm: u8,
    /// It turned into a fight.
    pub turned_into_fight: bool,
    /// It was about the past.
    pub about_past: bool,
}

impl From<TalkReflection> for Rating {
    fn from(r: TalkReflection) -> Self {
        Rating {
            felt_heard: r.felt_heard.get(),
            stayed_calm: r.stayed_calm.get(),
            turned_into_fight: r.turned_into_fight,
            about_past: r.about_past,
        }
    }
}

impl TryFrom<Rating> for TalkReflection {
    type Error = InvalidInput;

    fn try_from(r: Rating) -> Result<Self, InvalidInput> {
        Ok(TalkReflection {
            felt_heard: Scale::try_from(r.felt_heard)?,
            stayed_calm: Scale::try_from(r.stayed_calm)?,
            turned_into_fight: r.turned_into_fight,
            about_past: r.about_past,
        })
    }
}
