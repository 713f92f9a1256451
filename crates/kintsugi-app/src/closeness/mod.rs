//! Step 7, Closeness: a daily check-in, conversation prompts, time together and
//! appreciations. A check-in and a prompt's answer are revealed after both: each is an answer
//! of a pair (`records::create_paired`), which the store's rule lets the partner read only once
//! they gave theirs. How safe a person feels is a private part of their check-in, sealed for
//! them alone, and never part of any view of the partner.

use kintsugi_domain::RecordId;
use kintsugi_domain::closeness::{
    Answer, Appreciation, CheckIn, DAYS_BACK, Draw, LaterNote, Line, Moment, SAFE, Safe, Skip,
    Went, check_in_day, days_before, scale, short_text,
};

use crate::error::refusals;
use crate::records::{self, Item, Listed, Page};
use crate::step::Step;
use crate::waiting::{Effects, Falls, Wait, opened_all};
use crate::{Actor, Result, now};

crate::record_kinds!(
    CheckIn => "checkin" ["note", "mood", "closeness"],
    Safe => "checkin_safe" [],
    LaterNote => "checkin_note" ["text"],
    Draw => "prompt" [],
    Answer => "prompt_answer" ["text"],
    Skip => "prompt_skip" [],
    Moment => "moment" ["what"],
    Went => "moment_went" [],
    Line => "moment_line" ["text"],
    Appreciation => "appreciation" ["text"],
);

mod prompts;
mod together;
mod told;
mod view;
mod waits;
pub use prompts::{answer_prompt, draw, prompts, skip};
pub use together::{appreciations, look_back, moments, plan, thank};
pub use view::{
    AnswerView, AppreciationView, CheckInView, DayView, MomentView, NewCheckIn, NewDraw,
    NewLookBack, NewMoment, NewText, PromptView, Said,
};

/// The partner checked in (what they said waits until the reader has too).
pub const CHECKED_IN: Wait = Wait("checkin");
/// The partner added a later thought under a check-in.
pub const NOTED: Wait = Wait("checkin_note");
/// The partner drew a prompt for both.
pub const DRAWN: Wait = Wait("prompt_drawn");
/// The partner answered a prompt.
pub const ANSWERED: Wait = Wait("prompt_answered");
/// The partner planned time together.
pub const PLANNED: Wait = Wait("moment_planned");
/// The partner wrote a line about time together.
pub const LOOKED_BACK: Wait = Wait("moment_line");
/// The partner sent an appreciation.
pub const THANKED: Wait = Wait("appreciation");

/// Time together falls due at its time, for both.
pub const MOMENT_DUE: Falls = Falls::new(
    "moment",
    "Time together you planned",
    "/closeness/together#",
)
.titled("Time together with {partner}");

/// A reminder once a day, at the time each person chooses, to check in.
pub const DAILY_CHECKIN: Falls = Falls::new("checkin", "Your daily check-in", "/closeness");

/// Step 7 in the registry.
pub const STEP: Step = Step::new(7, "closeness", KINDS)
    .waiting(
        &[
            CHECKED_IN,
            NOTED,
            DRAWN,
            ANSWERED,
            PLANNED,
            LOOKED_BACK,
            THANKED,
        ],
        waits::describe,
    )
    .falling(&[MOMENT_DUE])
    .measuring(measure)
    .effort(&[
        crate::measure::Effort::new("checkin", "Check-ins you both gave"),
        crate::measure::Effort::new("appreciation", "Appreciations"),
    ])
    .telling(told::tells)
    .nudging(DAILY_CHECKIN);

const NEEDS_PARTNER: &str = "Check-ins, prompts and time together are shared with a partner, so you need to be paired first.";

/// What Closeness refuses, besides what every step can.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// A second check-in for one day.
    #[error(
        "You've already checked in for {0}. You can change it until your partner has checked in for that day too."
    )]
    AlreadyCheckedIn(String),
    /// Changing a check-in the partner can read.
    #[error(
        "Your partner has checked in for that day too, so they can read yours now and it stays as it is. You can add a later thought under it."
    )]
    Seen,
    /// No check-in for that day.
    #[error("You haven't checked in for that day.")]
    NoCheckIn,
    /// A later thought before both checked in.
    #[error(
        "A later thought goes under a check-in you can both read: once you have both checked in for the day."
    )]
    NotYetBoth,
    /// A prompt already answered, set aside or finished.
    #[error("This prompt isn't waiting for an answer from you any more.")]
    PromptDone,
    /// Drawing while a prompt waits.
    #[error("There is a prompt waiting to be answered. Answer it or set it aside first.")]
    PromptOpen,
    /// Looking back before the time came, or twice.
    #[error("{0}")]
    LookBack(&'static str),
}

refusals!(Refusal);

/// How many items a page of prompts, moments or appreciations holds unless asked otherwise.
pub const PAGE: u32 = 20;

/// Today on the actor's clock, `YYYY-MM-DD`.
pub fn today(actor: &Actor) -> String {
    actor.zone.format(now(), "%Y-%m-%d")
}

/// The actor's own check-ins and their partner's revealed ones written since a little before
/// `first` (a day on the actor's clock), with their threads, oldest first.
async fn check_ins_from(actor: &Actor, first: &str) -> Result<Vec<CheckInView>> {
    // A check-in for a day is written on or after that day on its author's clock: two days
    // before it covers every time zone.
    let start = actor
        .zone
        .instant(&format!("{first}T00:00"))
        .unwrap_or_else(now)
        - 2 * 86_400;
    let items = records::since::<CheckIn>(actor, start).await?;
    let ids: Vec<RecordId> = items.iter().map(|i| i.id).collect();
    let threads = records::threads(actor, &ids).await?;
    let mut views: Vec<CheckInView> = items
        .into_iter()
        .filter(|i| i.body.day.as_str() >= first)
        .map(|i| CheckInView::new(actor, i, &threads))
        .collect();
    views.reverse();
    Ok(views)
}

/// The days `days` (on the actor's clock, newest first), each with both check-ins as far as
/// the actor may see them.
async fn days_of(actor: &Actor, days: Vec<String>) -> Result<Vec<DayView>> {
    let Some(first) = days.last().cloned() else {
        return Ok(Vec::new());
    };
    let mut views = check_ins_from(actor, &first).await?;
    let pairs: Vec<String> = days.iter().map(|d| CheckIn::pair(d)).collect();
    let answered = actor.store.answered_pairs(&actor.viewer(), &pairs).await?;
    let couple = actor.couple.as_ref().map(|c| c.id);
    let today = today(actor);
    let mut out: Vec<DayView> = days
        .into_iter()
        .map(|day| {
            let mut take = |mine: bool| {
                let at = views
                    .iter()
                    .position(|v| v.day == day && v.mine == mine && (mine || !v.closed))?;
                Some(views.remove(at))
            };
            let (mut mine, theirs) = (take(true), take(false));
            let they_answered =
                theirs.is_some() || (couple.is_some() && answered.contains(&CheckIn::pair(&day)));
            if let Some(m) = mine.as_mut().filter(|m| !they_answered && !m.closed) {
                unrevealed(actor, m);
            }
            DayView {
                label: kintsugi_domain::closeness::day_label(&day),
                today: day == today,
                can_change: mine.as_ref().is_some_and(|m| !m.closed) && !they_answered,
                they_answered,
                mine,
                theirs,
                day,
            }
        })
        .collect();
    let mut closed: Vec<&mut CheckInView> = out
        .iter_mut()
        .filter_map(|d| d.mine.as_mut())
        .filter(|m| m.closed)
        .collect();
    if !closed.is_empty() {
        label_unrevealed(actor, &mut closed).await?;
    }
    Ok(out)
}

/// The label of the actor's own check-in that the other can't read says so: "until" they
/// check in, or, in a couple that ended, that they never did.
fn unrevealed(actor: &Actor, mine: &mut CheckInView) {
    let words = match mine.closed {
        false => format!(
            "Only you, until {} checks in for this day",
            actor.partner_name()
        ),
        true => format!(
            "Only you: {} never checked in for this day",
            actor.partner_in(mine.couple)
        ),
    };
    mine.seen_by = crate::SeenBy {
        private: true,
        words,
    };
}

/// Labels the actor's own check-ins among `views` that the other of their couple (now, or a
/// couple that ended) can't read: one query a couple.
async fn label_unrevealed(actor: &Actor, views: &mut [&mut CheckInView]) -> Result<()> {
    let mut couples: Vec<Option<kintsugi_domain::CoupleId>> =
        views.iter().map(|v| v.couple).collect();
    couples.sort_by_key(|c| c.map(|c| c.0));
    couples.dedup();
    for couple in couples {
        let pairs: Vec<String> = views
            .iter()
            .filter(|v| v.couple == couple)
            .map(|v| CheckIn::pair(&v.day))
            .collect();
        let viewer = kintsugi_domain::Viewer {
            user: actor.user,
            couple,
        };
        let answered = actor.store.answered_pairs(&viewer, &pairs).await?;
        for v in views.iter_mut().filter(|v| v.couple == couple) {
            if !answered.contains(&CheckIn::pair(&v.day)) {
                unrevealed(actor, v);
            }
        }
    }
    Ok(())
}

/// This week as the actor sees it: today and the seven days before it, newest first. Opening
/// it clears what waited about check-ins.
pub async fn week(actor: &Actor) -> Result<Vec<DayView>> {
    let today = today(actor);
    let days = (0..=DAYS_BACK)
        .filter_map(|back| days_before(&today, back))
        .collect();
    let week = days_of(actor, days).await?;
    opened_all(actor, &[CHECKED_IN, NOTED]).await?;
    Ok(week)
}

/// One day (`YYYY-MM-DD`, on the actor's clock) with both check-ins as far as the actor may
/// see them.
pub async fn day(actor: &Actor, day: &str) -> Result<DayView> {
    let day = kintsugi_domain::closeness::a_day(day)?;
    let mut days = days_of(actor, vec![day]).await?;
    days.pop().ok_or(crate::Error::Internal)
}

/// A page of check-ins the actor may read (theirs, and their partner's once revealed), newest
/// first.
pub async fn check_ins(actor: &Actor, page: Page) -> Result<Listed<CheckInView>> {
    let mut listed = records::page_threaded(actor, page, CheckInView::new).await?;
    let mut mine: Vec<&mut CheckInView> = listed.items.iter_mut().filter(|c| c.mine).collect();
    label_unrevealed(actor, &mut mine).await?;
    Ok(listed)
}

/// Checks in for a day (today unless given): one each per day, revealed to the partner once
/// they checked in for the same day; "safe" goes with it, for the actor alone.
pub async fn check_in(actor: &Actor, new: &NewCheckIn) -> Result<DayView> {
    let today = today(actor);
    let day = check_in_day(new.day.as_deref().unwrap_or(&today), &today)?;
    let body = CheckIn::parse(day.clone(), new.mood, new.closeness, &new.note)?;
    let safe = Safe {
        safe: scale(SAFE, new.safe, 1, 10)?,
    };
    actor.paired(NEEDS_PARTNER)?;
    let already = days_of(actor, vec![day.clone()]).await?;
    if already
        .iter()
        .any(|d| d.mine.as_ref().is_some_and(|m| !m.closed))
    {
        return Err(Refusal::AlreadyCheckedIn(kintsugi_domain::closeness::day_label(&day)).into());
    }
    let part = records::part(actor, &safe).await?;
    let until = now() + (DAYS_BACK + 2) * 86_400;
    let effects = |id| {
        Effects::none()
            .tell_partner_about(actor, CHECKED_IN, id, None, Some(until))
            .with_part(part, id)
    };
    records::create_paired(actor, None, &body, &CheckIn::pair(&day), effects).await?;
    self::day(actor, &day).await
}

/// The actor's own check-in of a day, in their couple now.
fn own(day: &DayView) -> Result<&CheckInView> {
    let mine = day.mine.as_ref().filter(|m| !m.closed);
    Ok(mine.ok_or(Refusal::NoCheckIn)?)
}

/// Changes the actor's check-in for `day`, only while the partner hasn't checked in for that
/// day (then they could read it, and it stays as they read it: the store checks this again in
/// the change's own transaction).
pub async fn change_check_in(actor: &Actor, day: &str, new: &NewCheckIn) -> Result<DayView> {
    let seen = self::day(actor, day).await?;
    let mine = own(&seen)?;
    if !seen.can_change {
        return Err(Refusal::Seen.into());
    }
    let body = CheckIn::parse(seen.day.clone(), new.mood, new.closeness, &new.note)?;
    let safe = Safe {
        safe: scale(SAFE, new.safe, 1, 10)?,
    };
    let read: Item<CheckIn> = records::get(actor, mine.key).await?;
    if read.version != mine.version {
        return Err(kintsugi_store::StoreError::Stale.into());
    }
    let part = records::part(actor, &safe).await?;
    let effects = Effects::none().with_part(part, read.id);
    let visibility = kintsugi_domain::Visibility::Shared;
    records::change_with(actor, &read, visibility, &body, effects).await?;
    self::day(actor, &seen.day).await
}

/// Adds a later thought under the actor's own check-in for `day`, once both checked in for it
/// (before then, the check-in itself can still be changed).
pub async fn add_note(actor: &Actor, day: &str, new: &NewText) -> Result<DayView> {
    let text = short_text(&new.text)?;
    let seen = self::day(actor, day).await?;
    let mine = own(&seen)?;
    if !seen.they_answered {
        return Err(Refusal::NotYetBoth.into());
    }
    let id = mine.key;
    let effects = |note| Effects::none().tell_partner_about(actor, NOTED, id, Some(note), None);
    let shared = kintsugi_domain::Visibility::Shared;
    records::create_with(actor, shared, Some(id), &LaterNote { text }, effects).await?;
    self::day(actor, &seen.day).await
}

/// The same, naming the actor's check-in by its id (as a page's form does).
pub async fn add_note_under(actor: &Actor, id: RecordId, new: &NewText) -> Result<DayView> {
    let item: Item<CheckIn> = records::get(actor, id).await?;
    if !item.mine {
        return Err(crate::Error::not_yours());
    }
    add_note(actor, &item.body.day, new).await
}

/// The newest "safe" the actor gave, if it was low (3 or less): the page then quietly offers
/// help, to them alone.
pub fn feels_unsafe(week: &[DayView]) -> bool {
    week.iter()
        .find_map(|d| d.mine.as_ref().and_then(|m| m.safe))
        .is_some_and(|safe| safe <= 3)
}

/// Closeness's part of progress: how close the person said they felt, in their own check-ins.
fn measure(
    actor: &Actor,
    since: i64,
) -> crate::waiting::BoxFuture<'_, Result<Vec<crate::measure::Series>>> {
    use crate::measure::{Per, Series, Sign};
    Box::pin(async move {
        let mine = records::since::<CheckIn>(actor, since).await?;
        Ok(vec![Series {
            sign: Sign::Closeness,
            name: "How close you felt",
            unit: "out of 10",
            per: Per::Mean,
            lower_is_better: false,
            range: (0.0, 10.0),
            points: mine
                .iter()
                .filter(|i| i.mine)
                .map(|i| (i.created_at, f64::from(i.body.closeness)))
                .collect(),
        }])
    })
}
