//! What Closeness takes and gives: check-ins by day, prompts with their answers, moments
//! together and appreciations.

use kintsugi_domain::RecordId;
use kintsugi_domain::closeness::{
    Appreciation, CheckIn, Depth, Draw, LaterNote, Line, Moment, Safe, Skip, Went, day_label,
    prompt,
};
use serde::{Deserialize, Serialize};

use crate::records::{Item, Threads};
use crate::{Actor, SeenBy, Stamp};

/// A check-in as sent.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"mood": 4, "closeness": 7, "safe": 8, "note": "Thank you for the walk this morning."})))]
pub struct NewCheckIn {
    /// The day it is for, `YYYY-MM-DD` on your clock: today unless given (a day of the last
    /// week at most).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub day: Option<String>,
    /// 1 (low) to 5 (good).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub mood: i64,
    /// How close you feel to your partner, 1 to 10.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10))]
    pub closeness: i64,
    /// How safe you feel, 1 to 10: never shown to your partner.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10))]
    pub safe: i64,
    /// A sentence for your partner (optional, up to 500 characters).
    #[serde(default)]
    pub note: String,
}

/// A later thought under a check-in, an answer, an appreciation or a line: short words.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ClosenessText,
    example = json!({"text": "Thank you for making time for me today."})))]
pub struct NewText {
    /// The words.
    pub text: String,
}

/// A prompt to draw.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(example = json!({"depth": "light"})))]
pub struct NewDraw {
    /// `light`, `deeper` or `deep`.
    pub depth: Depth,
}

/// Time together, planned.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"what": "A walk by the river", "at": "2036-06-14T10:00"})))]
pub struct NewMoment {
    /// What (up to 200 characters).
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub what: String,
    /// When, `YYYY-MM-DDTHH:MM` on your clock or an RFC 3339 instant; still to come.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
    )]
    pub at: String,
}

/// How a moment went, looking back.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(example = json!({"went": 4, "line": "I loved hearing you laugh again."})))]
pub struct NewLookBack {
    /// 1 to 5, only for you.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub went: i64,
    /// A line for your partner (optional).
    #[serde(default)]
    pub line: String,
}

/// Short words someone wrote under an item, with who and when.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Said {
    /// Whether you wrote it.
    pub mine: bool,
    /// Who, in words ("You", "Sam").
    pub who: String,
    /// Whether its author withdrew their words (then `text` is empty).
    pub withdrawn: bool,
    /// The words.
    pub text: String,
    /// When.
    pub at: Stamp,
}

impl Said {
    fn of<T>(actor: &Actor, i: Item<T>, text: impl Fn(T) -> String) -> Said {
        Said {
            mine: i.mine,
            who: who(actor, &i),
            withdrawn: i.words_withdrawn(),
            at: actor.stamp(i.created_at),
            text: text(i.body),
        }
    }
}

fn who<T>(actor: &Actor, i: &Item<T>) -> String {
    if i.mine { "You".into() } else { i.other(actor) }
}

/// One person's check-in.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CheckInView {
    /// Its id.
    pub id: String,
    #[serde(skip)]
    pub(crate) key: RecordId,
    #[serde(skip)]
    pub(crate) version: i64,
    #[serde(skip)]
    pub(crate) couple: Option<kintsugi_domain::CoupleId>,
    /// The day, `YYYY-MM-DD` on its author's clock.
    pub day: String,
    /// The same, in words.
    pub day_label: String,
    /// Whether it is yours.
    pub mine: bool,
    /// Who, in words.
    pub who: String,
    /// 1–5.
    pub mood: u8,
    /// 1–10.
    pub closeness: u8,
    /// How safe you felt, 1–10: only on your own, never on your partner's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub safe: Option<u8>,
    /// The sentence for the partner.
    pub note: String,
    /// Later thoughts under it, oldest first (both can read them).
    pub notes: Vec<Said>,
    /// Whether its author withdrew their words.
    pub withdrawn: bool,
    /// Whether its couple has ended.
    pub closed: bool,
    /// Who can read it now, in words.
    pub seen_by: SeenBy,
    /// When it was given.
    pub at: Stamp,
}

impl CheckInView {
    pub(crate) fn new(actor: &Actor, i: Item<CheckIn>, t: &Threads<'_>) -> CheckInView {
        let safe = t.of::<Safe>(i.id).into_iter().rfind(|s| s.mine);
        let notes = t.of::<LaterNote>(i.id);
        CheckInView {
            id: i.id.to_string(),
            key: i.id,
            version: i.version,
            couple: i.couple,
            day_label: day_label(&i.body.day),
            who: who(actor, &i),
            mine: i.mine,
            safe: safe.map(|s| s.body.safe).filter(|_| i.mine),
            notes: notes
                .into_iter()
                .map(|n| Said::of(actor, n, |b| b.text))
                .collect(),
            withdrawn: i.words_withdrawn(),
            closed: i.closed(actor),
            seen_by: i.seen_by(actor),
            at: actor.stamp(i.created_at),
            day: i.body.day,
            mood: i.body.mood,
            closeness: i.body.closeness,
            note: i.body.note,
        }
    }
}

/// Both partners' check-ins for one day, as far as the reader may see them.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayView {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// In words.
    pub label: String,
    /// Whether it is today on your clock.
    pub today: bool,
    /// Yours, if you checked in.
    pub mine: Option<CheckInView>,
    /// Your partner's, once both of you checked in for the day.
    pub theirs: Option<CheckInView>,
    /// Whether your partner checked in for the day (what they said stays hidden until you
    /// have too).
    pub they_answered: bool,
    /// Whether you can still change yours (your partner hasn't checked in for the day).
    pub can_change: bool,
}

/// One partner's answer to a prompt.
pub type AnswerView = Said;

/// A prompt a couple drew, with the answers each may see.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PromptView {
    /// Its id.
    pub id: String,
    #[serde(skip)]
    pub(crate) key: RecordId,
    /// Its depth.
    pub depth: Depth,
    /// The same, in words.
    pub depth_label: &'static str,
    /// The question.
    pub prompt: &'static str,
    /// Who drew it, in words.
    pub drawn_by: String,
    /// Your answer, if you gave one.
    pub mine: Option<AnswerView>,
    /// Your partner's, once both of you answered.
    pub theirs: Option<AnswerView>,
    /// Whether your partner answered (their words stay hidden until you have too).
    pub they_answered: bool,
    /// Who set it aside, if someone did.
    pub skipped_by: Option<String>,
    /// Whether its couple has ended.
    pub closed: bool,
    /// Who can read it now, in words.
    pub seen_by: SeenBy,
    /// When it was drawn.
    pub at: Stamp,
}

impl PromptView {
    pub(crate) fn new(actor: &Actor, i: Item<Draw>, t: &Threads<'_>) -> PromptView {
        let answers = t.of::<super::Answer>(i.id);
        let skip = t.of::<Skip>(i.id).into_iter().next();
        let (mine, theirs): (Vec<_>, Vec<_>) = answers.into_iter().partition(|a| a.mine);
        let said = |a: Option<Item<super::Answer>>| a.map(|a| Said::of(actor, a, |b| b.text));
        PromptView {
            id: i.id.to_string(),
            key: i.id,
            depth: i.body.depth,
            depth_label: i.body.depth.label(),
            prompt: prompt(i.body.depth, i.body.number).unwrap_or("A prompt from an older list"),
            drawn_by: who(actor, &i),
            they_answered: !theirs.is_empty(),
            mine: said(mine.into_iter().next()),
            theirs: said(theirs.into_iter().next()),
            skipped_by: skip.map(|s| who(actor, &s)),
            closed: i.closed(actor),
            seen_by: i.seen_by(actor),
            at: actor.stamp(i.created_at),
        }
    }

    /// Whether it still waits for an answer from someone: not set aside, not answered by both.
    pub fn open(&self) -> bool {
        !self.closed && self.skipped_by.is_none() && !(self.mine.is_some() && self.they_answered)
    }
}

/// Time together, planned, with how it went.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MomentView {
    /// Its id.
    pub id: String,
    /// What.
    pub what: String,
    /// When, on your clock.
    pub when: Stamp,
    /// Who planned it, in words.
    pub planned_by: String,
    /// Whether its time has come.
    pub has_come: bool,
    /// How it went for you, 1–5 (only yours, never your partner's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub went: Option<u8>,
    /// Lines both wrote about it afterwards.
    pub lines: Vec<Said>,
    /// Whether its author withdrew their words.
    pub withdrawn: bool,
    /// Whether its couple has ended.
    pub closed: bool,
    /// Who can read it now, in words.
    pub seen_by: SeenBy,
}

impl MomentView {
    pub(crate) fn new(actor: &Actor, i: Item<Moment>, t: &Threads<'_>) -> MomentView {
        let went = t.of::<Went>(i.id).into_iter().find(|w| w.mine);
        MomentView {
            id: i.id.to_string(),
            when: actor.stamp(i.body.at),
            planned_by: who(actor, &i),
            has_come: i.body.at <= crate::now(),
            went: went.map(|w| w.body.went),
            lines: t
                .of::<Line>(i.id)
                .into_iter()
                .map(|l| Said::of(actor, l, |b| b.text))
                .collect(),
            withdrawn: i.words_withdrawn(),
            closed: i.closed(actor),
            seen_by: i.seen_by(actor),
            what: i.body.what,
        }
    }
}

/// A note of thanks.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppreciationView {
    /// Its id.
    pub id: String,
    /// Who wrote it, and the words.
    #[serde(flatten)]
    pub said: Said,
    /// Who can read it now, in words.
    pub seen_by: SeenBy,
}

impl AppreciationView {
    pub(crate) fn new(actor: &Actor, i: Item<Appreciation>, _: &Threads<'_>) -> AppreciationView {
        AppreciationView {
            id: i.id.to_string(),
            seen_by: i.seen_by(actor),
            said: Said::of(actor, i, |b| b.text),
        }
    }
}
