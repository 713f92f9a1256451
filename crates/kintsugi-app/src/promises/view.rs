//! How promises are shown, and what a person sends: the one schema the API, the pages and an
//! export share.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use kintsugi_domain::promises::{RECENT_DAYS, kept_range, kept_words};

use super::{Kept, Occurrence};
use crate::{Actor, Stamp};

/// A new promise.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"text": "I'll text when I leave work.", "every": "weekly", "day": "2031-01-06", "days": [1, 3, 5]})))]
pub struct NewPromise {
    /// What you promise (1 to 4,000 characters).
    pub text: String,
    /// `once`, `daily`, `weekly` or `open` (kept as it comes up).
    pub every: String,
    /// For `once` the day it's due; for `daily` and `weekly` the first day (`YYYY-MM-DD`, today
    /// or later).
    #[serde(default)]
    pub day: String,
    /// For `weekly`: days of the week, 1 (Monday) to 7 (Sunday).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(inline, value_type = Vec<u8>, maximum = 7, minimum = 1))]
    pub days: Vec<u8>,
}

/// A mark on one day: done or not (the one who promised), kept or missed (the partner).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"day": "2031-01-06", "kept": true, "note": "Texted at six."})))]
pub struct NewMark {
    /// The day (`YYYY-MM-DD`): one of the promise's days, up to today.
    pub day: String,
    /// Done / kept (`true`) or not.
    pub kept: bool,
    /// A short note (optional, up to 300 characters).
    #[serde(default)]
    pub note: String,
}

/// One occurrence of a promise.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OccurrenceView {
    /// Its day, `YYYY-MM-DD`.
    pub day: String,
    /// The day in words.
    pub day_words: String,
    /// What the one who promised said: done or not.
    pub reported: Option<bool>,
    /// Their note.
    pub report_note: String,
    /// What the partner said: kept or missed.
    pub confirmed: Option<bool>,
    /// Their note.
    pub confirm_note: String,
    /// Kept or not, as it counts for reliability; `null` while it waits.
    pub counts: Option<bool>,
    /// Where it stands, in words.
    pub status: String,
}

/// One week of the trend.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekPoint {
    /// The week's Monday, `YYYY-MM-DD`.
    pub week_of: String,
    /// "3 Nov", for a chart's axis.
    pub label: String,
    /// Reliability at the end of that week, 0 to 1 (`null` before anything counted).
    pub score: Option<f64>,
}

/// A promise as its reader sees it.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PromiseView {
    /// Its id.
    pub id: String,
    /// What is promised.
    pub text: String,
    /// When it comes due, in words.
    pub schedule: String,
    /// Whether you made it (your partner confirms it), or your partner did (you confirm it).
    pub mine: bool,
    /// Who promised, in words.
    pub who: String,
    /// Whether it was made from an apology's commitment.
    pub from_apology: bool,
    /// The trend's score now, 0 to 100, for a chart (`null` before anything counted); read
    /// `keeping` and `range` for what can honestly be said.
    pub reliability: Option<u8>,
    /// How often it is kept, in a few words ("kept most of the time"); `null` while too few
    /// days have counted to tell.
    pub keeping: Option<&'static str>,
    /// The share of its latest counted days (up to 20) likely kept, as a range of percents
    /// (a 90% interval); `null` while too few days have counted to tell.
    pub range: Option<[u8; 2]>,
    /// How it has gone, in words.
    pub words: String,
    /// The latest occurrences, newest first (up to 14).
    pub occurrences: Vec<OccurrenceView>,
    /// Its trend over the last 26 weeks.
    pub weeks: Vec<WeekPoint>,
    /// Whether your couple has ended: a closed, read-only history.
    pub closed: bool,
    /// Who can read it now, in words.
    pub seen_by: crate::SeenBy,
    /// The other person, by name.
    pub partner: String,
    /// Whether the one who promised withdrew their words (then `text` is empty; its days, and
    /// what both said of them, stay).
    pub withdrawn: bool,
    /// What is promised, or what became of its words.
    pub title: String,
    /// When it was made.
    pub created_at: Stamp,
}

/// Your promises' reliability, overall and week by week.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reliability {
    /// The trend's score now, 0 to 100, across the promises you made (`null` before anything
    /// counted); read `range` for what can honestly be said.
    pub overall: Option<u8>,
    /// The share of your promises' latest counted days (up to 20 each) likely kept, as a range
    /// of percents; `null` while too few days have counted to tell.
    pub range: Option<[u8; 2]>,
    /// In words.
    pub words: String,
    /// The last 26 weeks, oldest first.
    pub weeks: Vec<WeekPoint>,
}

/// Of the latest counted days (up to [`RECENT_DAYS`]), how many were kept, and how many there are.
fn recent(counted: &[bool]) -> (usize, usize) {
    let last = &counted[counted.len().saturating_sub(RECENT_DAYS)..];
    (last.iter().filter(|k| **k).count(), last.len())
}

/// The likely range, as whole percents.
fn percents(kept: usize, of: usize) -> Option<[u8; 2]> {
    kept_range(kept, of).map(|(lo, hi)| [percent(lo), percent(hi)])
}

/// The likely range in words: " (likely between 6 and 9 times in 10)".
fn range_words(kept: usize, of: usize) -> String {
    match kept_range(kept, of) {
        Some((lo, hi)) => {
            let (lo, hi) = ((lo * 10.0).floor(), (hi * 10.0).ceil());
            match lo == hi {
                true => format!(" (about {lo} times in 10)"),
                false => format!(" (likely between {lo} and {hi} times in 10)"),
            }
        }
        None => String::new(),
    }
}

pub(super) fn words_of_day(d: Date) -> String {
    d.strftime("%A %-d %B").to_string()
}

fn occurrence(o: &Occurrence, mine: bool, partner: &str) -> OccurrenceView {
    let (reported, confirmed) = (
        o.report.as_ref().map(|r| r.kept),
        o.confirmation.as_ref().map(|c| c.kept),
    );
    let they = |m: bool| if m { "You" } else { partner };
    let status = match (reported, confirmed) {
        (Some(r), Some(c)) if r != c => format!(
            "{} said {}; {} said {}. Both are kept here.",
            they(mine),
            if r { "done" } else { "not done" },
            crate::words::in_sentence(they(!mine)),
            if c { "kept" } else { "missed" }
        ),
        (_, Some(true)) => "Kept, confirmed.".into(),
        (_, Some(false)) => "Missed, confirmed.".into(),
        (Some(r), None) if o.counts.is_some() => format!(
            "{} (not confirmed within three days).",
            if r { "Done" } else { "Not done" }
        ),
        (Some(r), None) => format!(
            "{}; waiting for confirmation.",
            if r { "Marked done" } else { "Marked not done" }
        ),
        (None, _) if o.counts.is_some() => "Not marked.".into(),
        (None, _) => "Not marked yet.".into(),
    };
    OccurrenceView {
        day: super::rules::day_str(o.day),
        day_words: words_of_day(o.day),
        report_note: o
            .report
            .as_ref()
            .map(|r| r.note.clone())
            .unwrap_or_default(),
        confirm_note: o
            .confirmation
            .as_ref()
            .map(|c| c.note.clone())
            .unwrap_or_default(),
        reported,
        confirmed,
        counts: o.counts,
        status,
    }
}

fn percent(score: f64) -> u8 {
    (score * 100.0).round().clamp(0.0, 100.0) as u8
}

/// Each promise's score at the end of each of the last `weeks` weeks, averaged (oldest first).
pub(super) fn weekly(list: &[&Kept], today: Date, weeks: i64) -> Vec<WeekPoint> {
    let monday = today
        .checked_sub(jiff::Span::new().days(i64::from(today.weekday().to_monday_zero_offset())))
        .unwrap_or(today);
    (0..weeks)
        .rev()
        .filter_map(|back| {
            let start = monday.checked_sub(jiff::Span::new().weeks(back)).ok()?;
            let end = start.checked_add(jiff::Span::new().days(6)).ok()?;
            let scores: Vec<f64> = list
                .iter()
                .filter_map(|k| {
                    let upto = k.scores.partition_point(|(d, _)| *d <= end);
                    upto.checked_sub(1).map(|i| k.scores[i].1)
                })
                .collect();
            Some(WeekPoint {
                week_of: super::rules::day_str(start),
                label: start.strftime("%-d %b").to_string(),
                score: (!scores.is_empty())
                    .then(|| scores.iter().sum::<f64>() / scores.len() as f64),
            })
        })
        .collect()
}

impl PromiseView {
    pub(super) fn new(actor: &Actor, k: Kept) -> PromiseView {
        let partner = k.other.as_str();
        let counted: Vec<bool> = k.occurrences.iter().filter_map(|o| o.counts).collect();
        let (kept, of) = recent(&counted);
        let score = k.scores.last().map(|(_, s)| *s);
        let keeping = kept_words(kept, of);
        let words = match (of, keeping) {
            (0, _) => "Nothing counted yet. Each day marked (and confirmed, or left three days) adds to it.".into(),
            (n, None) => format!(
                "Kept {kept} of {n} {} so far: too few to tell yet how it usually goes.",
                if n == 1 { "time" } else { "times" }
            ),
            (n, Some(w)) => format!(
                "Kept {kept} of the last {n} times: {w}{}. One miss is a dip, never a reset.",
                range_words(kept, n)
            ),
        };
        let weeks = weekly(&[&k], super::today(actor), 26);
        PromiseView {
            id: k.id.to_string(),
            schedule: k.promise.schedule.words(),
            who: if k.mine {
                "You".into()
            } else {
                partner.to_string()
            },
            from_apology: k.parent.is_some(),
            reliability: score.map(percent),
            keeping,
            range: percents(kept, of),
            occurrences: k
                .occurrences
                .iter()
                .rev()
                .take(14)
                .map(|o| occurrence(o, k.mine, partner))
                .collect(),
            weeks,
            words,
            mine: k.mine,
            closed: k.closed,
            seen_by: k.seen_by.unwrap_or(crate::SeenBy {
                private: false,
                words: String::new(),
            }),
            withdrawn: k.withdrawn,
            partner: partner.to_string(),
            title: match k.withdrawn {
                true => format!("A promise ({partner} withdrew its words)"),
                false => k.promise.text.clone(),
            },
            created_at: actor.stamp(k.created_at),
            text: k.promise.text,
        }
    }

    /// Whether the reader can mark `day` (done, if theirs; kept, if their partner's and marked).
    pub fn can_mark(&self, o: &OccurrenceView) -> bool {
        !self.closed && (self.mine || o.reported.is_some())
    }
}

impl Reliability {
    pub(super) fn of(list: &[Kept], today: Date) -> Reliability {
        let mine: Vec<&Kept> = list.iter().filter(|k| k.mine && !k.closed).collect();
        let now: Vec<f64> = mine
            .iter()
            .filter_map(|k| k.scores.last().map(|(_, s)| *s))
            .collect();
        let overall = (!now.is_empty()).then(|| now.iter().sum::<f64>() / now.len() as f64);
        let weeks = weekly(&mine, today, 26);
        let (mut kept, mut of) = (0, 0);
        for k in &mine {
            let counted: Vec<bool> = k.occurrences.iter().filter_map(|o| o.counts).collect();
            let (k, n) = recent(&counted);
            kept += k;
            of += n;
        }
        let promises = match mine.len() {
            1 => "your promise".to_string(),
            n => format!("your {n} promises"),
        };
        let words = match (of, kept_words(kept, of)) {
            (0, _) => {
                "How your promises are kept shows here once days have been marked.".to_string()
            }
            (n, None) => format!(
                "Across {promises}, {kept} of {n} counted {} kept so far: too few to tell yet.",
                if n == 1 { "day was" } else { "days were" }
            ),
            (n, Some(w)) => {
                let now = format!(
                    "Across {promises}, {kept} of the latest {n} counted days were kept: {w}{}.",
                    range_words(kept, n)
                );
                let scored: Vec<&WeekPoint> = weeks.iter().filter(|w| w.score.is_some()).collect();
                match (scored.first(), overall) {
                    (Some(first), Some(o)) if scored.len() > 1 => {
                        let f = first.score.unwrap_or(o);
                        let trend = if o > f + 0.1 {
                            "The trend is rising"
                        } else if o + 0.1 < f {
                            "The trend is falling"
                        } else {
                            "The trend is steady"
                        };
                        format!("{now} {trend} since the week of {}.", first.label)
                    }
                    _ => now,
                }
            }
        };
        Reliability {
            overall: overall.map(percent),
            range: percents(kept, of),
            words,
            weeks,
        }
    }
}

/// Every day of a promise so far, oldest first, in words (a report over a period reads them
/// all; a page shows the last fourteen).
pub(super) fn every_day(k: &Kept) -> Vec<OccurrenceView> {
    k.occurrences
        .iter()
        .map(|o| occurrence(o, k.mine, &k.other))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{range_words, recent};

    #[test]
    fn the_words_speak_of_the_latest_days_with_an_honest_range() {
        // Only the latest twenty counted days are spoken of.
        let mut days = vec![false; 30];
        days.extend([true; 20]);
        assert_eq!(recent(&days), (20, 20));
        assert_eq!(recent(&[true, false]), (1, 2));
        assert_eq!(range_words(1, 2), "", "too few for a range");
        assert_eq!(range_words(8, 10), " (likely between 5 and 10 times in 10)");
        assert_eq!(
            range_words(18, 20),
            " (likely between 7 and 10 times in 10)"
        );
    }
}
