//! Step 8, the Control check: a private look at habits that try to make trust by control,
//! repeatable, with a plain reading of each habit (never a score of the person), its trend, and
//! a mirror of two things the person's own records show: reassurance requests sent, and times
//! their triggers log says they checked up on their partner. Private always: nothing here waits
//! for anyone, and only its author can read it.

use std::collections::HashMap;

use jiff::civil::Date;
use kintsugi_domain::control::{Check, Habit, Often};
use kintsugi_domain::triggers::{Entry, Request, Responded};
use kintsugi_domain::{RecordId, Visibility};
use serde::{Deserialize, Serialize};

use crate::records;
use crate::step::Step;
use crate::{Actor, Result, Stamp, now};

crate::record_kinds!(Check => "control_check" []);

/// Step 8 in the registry.
pub const STEP: Step = Step::new(8, "control", KINDS).for_one();

/// How many weeks the mirror and the trend look back.
pub const WEEKS: i64 = 12;

/// A check as sent: how often each habit happened over the last two weeks.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"answers": {"reassurance": "sometimes", "checking": "never", "testing": "rarely", "guilt": "never", "whereabouts": "often", "company": "never"}})))]
pub struct NewCheck {
    /// One answer per habit (`reassurance`, `checking`, `testing`, `guilt`, `whereabouts`,
    /// `company`): `never`, `rarely`, `sometimes`, `often` or `constantly`.
    pub answers: HashMap<Habit, Often>,
}

/// One habit as the page shows it, with the newest answer read back.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HabitView {
    /// Its name in forms and the API.
    pub habit: Habit,
    /// Its name in words.
    pub name: &'static str,
    /// The question.
    pub question: &'static str,
    /// Why it tends to work against trust.
    pub why: &'static str,
    /// What to try instead.
    pub instead: &'static str,
    /// The newest answer, if there is one.
    pub often: Option<Often>,
    /// The same, in words.
    pub often_label: Option<&'static str>,
    /// One plain sentence on it.
    pub reading: Option<&'static str>,
}

/// One past check, for the trend: each habit's level from 0 (not at all) to 4 (many times a
/// day), in the order of the habits.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PastCheck {
    /// When.
    pub at: Stamp,
    /// Levels, 0–4, habit by habit.
    pub levels: Vec<u8>,
}

/// One week of the mirror.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MirrorWeek {
    /// "3 Nov": the week's Monday on your clock.
    pub label: String,
    /// Reassurance requests you sent.
    pub requests: u32,
    /// Times your triggers log says you checked up on your partner.
    pub checked_up: u32,
}

/// The Control check as its author sees it (nobody else can).
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ControlView {
    /// Every habit, with the newest answer read back.
    pub habits: Vec<HabitView>,
    /// When the newest check was made.
    pub latest: Option<Stamp>,
    /// Checks of the last twelve weeks, oldest first.
    pub trend: Vec<PastCheck>,
    /// The last twelve weeks, oldest first.
    pub mirror: Vec<MirrorWeek>,
    /// The mirror in words.
    pub mirror_words: String,
}

/// Makes a check (private).
pub async fn check(actor: &Actor, new: &NewCheck) -> Result<RecordId> {
    let answers: Vec<(Habit, Often)> = new.answers.iter().map(|(h, o)| (*h, *o)).collect();
    let check = Check::parse(&answers)?;
    records::create(actor, Visibility::Private, None, &check).await
}

/// The actor's checks, their trend and the mirror: only the last twelve weeks are read.
pub async fn view(actor: &Actor) -> Result<ControlView> {
    let since = now() - (WEEKS + 1) * 7 * 86_400;
    let mut checks = records::since::<Check>(actor, since).await?;
    checks.retain(|c| c.mine);
    if checks.is_empty() {
        // The newest check, however old, still reads back.
        let (older, _) = records::page::<Check>(actor, records::Page::first(1)).await?;
        checks = older.into_iter().filter(|c| c.mine).collect();
    }
    let newest = checks.first();
    let habits = Habit::ALL
        .iter()
        .map(|h| {
            let about = h.about();
            let often = newest.and_then(|c| c.body.of(*h));
            HabitView {
                habit: *h,
                name: h.label(),
                question: about.question,
                why: about.why,
                instead: about.instead,
                often_label: often.map(Often::label),
                reading: often.map(|o| h.reading(o)),
                often,
            }
        })
        .collect();
    let latest = newest.map(|c| actor.stamp(c.created_at));
    let trend = checks
        .iter()
        .rev()
        .filter(|c| c.created_at >= since)
        .map(|c| PastCheck {
            at: actor.stamp(c.created_at),
            levels: Habit::ALL
                .iter()
                .map(|h| c.body.of(*h).map_or(0, Often::level))
                .collect(),
        })
        .collect();
    let mirror = mirror(actor, since).await?;
    Ok(ControlView {
        mirror_words: mirror_words(&mirror),
        habits,
        latest,
        trend,
        mirror,
    })
}

/// Reassurance requests the actor sent and times their log says they checked up, week by week.
async fn mirror(actor: &Actor, since: i64) -> Result<Vec<MirrorWeek>> {
    let requests = records::since::<Request>(actor, since).await?;
    let entries = records::since::<Entry>(actor, since).await?;
    let sent: Vec<i64> = requests
        .iter()
        .filter(|r| r.mine)
        .map(|r| r.created_at)
        .collect();
    let checked: Vec<i64> = entries
        .iter()
        .filter(|e| e.mine && e.body.responded.contains(&Responded::CheckedUp))
        .map(|e| e.created_at)
        .collect();
    let day = |t: i64| actor.zone.format(t, "%Y-%m-%d").parse::<Date>().ok();
    let today = day(now()).unwrap_or(Date::constant(2000, 1, 1));
    let back = i64::from(today.weekday().to_monday_zero_offset());
    let monday = today
        .checked_sub(jiff::Span::new().days(back))
        .unwrap_or(today);
    let count = |times: &[i64], start: Date, end: Date| {
        times
            .iter()
            .filter_map(|t| day(*t))
            .filter(|d| *d >= start && *d < end)
            .count() as u32
    };
    Ok((0..WEEKS)
        .rev()
        .filter_map(|w| {
            let start = monday.checked_sub(jiff::Span::new().weeks(w)).ok()?;
            let end = start.checked_add(jiff::Span::new().days(7)).ok()?;
            Some(MirrorWeek {
                label: start.strftime("%-d %b").to_string(),
                requests: count(&sent, start, end),
                checked_up: count(&checked, start, end),
            })
        })
        .collect())
}

/// The mirror in one or two plain sentences: what the records show, with no verdict.
fn mirror_words(weeks: &[MirrorWeek]) -> String {
    let total = |f: fn(&MirrorWeek) -> u32| weeks.iter().map(f).sum::<u32>();
    let (requests, checked) = (total(|w| w.requests), total(|w| w.checked_up));
    if requests == 0 && checked == 0 {
        return "In the last twelve weeks you sent no reassurance requests, and your triggers log doesn't say you checked up on your partner.".into();
    }
    let plural = |n: u32, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    let half = weeks.len() / 2;
    let sum = |ws: &[MirrorWeek]| ws.iter().map(|w| w.requests + w.checked_up).sum::<u32>();
    let (before, lately) = (sum(&weeks[..half]), sum(&weeks[half..]));
    let direction = match lately.cmp(&before) {
        std::cmp::Ordering::Less => "fewer in the last six weeks than in the six before",
        std::cmp::Ordering::Equal => "about as many in the last six weeks as in the six before",
        std::cmp::Ordering::Greater => "more in the last six weeks than in the six before",
    };
    format!(
        "In the last twelve weeks you sent {} and your log says you checked up on your partner {}: {direction}.",
        plural(requests, "reassurance request", "reassurance requests"),
        plural(checked, "time", "times"),
    )
}
