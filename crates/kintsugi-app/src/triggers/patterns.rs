//! Patterns in a person's own log: entries per kind per week, intensity before and after, times
//! of day, and a sentence or two. Computed from the log alone; shown only to its author.

use jiff::civil::Date;
use kintsugi_domain::Zone;
use kintsugi_domain::triggers::{Entry, TriggerKind};
use serde::Serialize;

/// One week of the log.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekCounts {
    /// The week's Monday, `YYYY-MM-DD`.
    pub week_of: String,
    /// "3 Nov", for a chart's axis.
    pub label: String,
    /// Entries per kind, in the order of `TriggerKind::ALL`.
    pub counts: Vec<u32>,
    /// Average intensity at first that week (`null` without entries).
    pub before: Option<f64>,
    /// Average intensity afterwards.
    pub after: Option<f64>,
}

/// Entries by time of day.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeOfDay {
    /// "Night", "Morning", "Afternoon", "Evening".
    pub label: &'static str,
    /// How many entries.
    pub count: u32,
}

/// A person's patterns.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Patterns {
    /// The kinds, in order, in words (the `counts` of each week follow it).
    pub kinds: Vec<&'static str>,
    /// The last 12 weeks, oldest first.
    pub weeks: Vec<WeekCounts>,
    /// When in the day, on the person's own clock.
    pub times_of_day: Vec<TimeOfDay>,
    /// In words.
    pub summary: String,
}

fn mean(xs: impl Iterator<Item = u8>) -> Option<f64> {
    let (n, sum) = xs.fold((0u32, 0u32), |(n, s), x| (n + 1, s + u32::from(x)));
    (n > 0).then(|| f64::from(sum) / f64::from(n))
}

/// Patterns of `entries` (when written, what: the last weeks' at least), on `zone`'s clock at
/// `now`; `earlier` says whether anything was logged before them.
pub fn patterns_of(entries: &[(i64, Entry)], earlier: bool, zone: &Zone, now: i64) -> Patterns {
    let day = |t: i64| zone.format(t, "%Y-%m-%d").parse::<Date>().ok();
    let today = day(now).unwrap_or(Date::constant(2000, 1, 1));
    let back = i64::from(today.weekday().to_monday_zero_offset());
    let monday = today
        .checked_sub(jiff::Span::new().days(back))
        .unwrap_or(today);
    let dated: Vec<(Date, &Entry, u8)> = entries
        .iter()
        .filter_map(|(t, e)| {
            let hour = zone.format(*t, "%H").parse::<u8>().ok()?;
            Some((day(*t)?, e, hour))
        })
        .collect();
    let weeks = (0..12i64)
        .rev()
        .filter_map(|w| {
            let start = monday.checked_sub(jiff::Span::new().weeks(w)).ok()?;
            let end = start.checked_add(jiff::Span::new().days(7)).ok()?;
            let these: Vec<&Entry> = dated
                .iter()
                .filter(|(d, _, _)| *d >= start && *d < end)
                .map(|(_, e, _)| *e)
                .collect();
            let counts = TriggerKind::ALL
                .iter()
                .map(|k| these.iter().filter(|e| e.kind == *k).count() as u32)
                .collect();
            Some(WeekCounts {
                week_of: start.strftime("%Y-%m-%d").to_string(),
                label: start.strftime("%-d %b").to_string(),
                counts,
                before: mean(these.iter().map(|e| e.before)),
                after: mean(these.iter().map(|e| e.after)),
            })
        })
        .collect();
    // Times of day over the same twelve weeks as the charts.
    let first_week = monday
        .checked_sub(jiff::Span::new().weeks(11))
        .unwrap_or(monday);
    let parts = [
        ("Night", 0..6),
        ("Morning", 6..12),
        ("Afternoon", 12..18),
        ("Evening", 18..24),
    ];
    let times_of_day = parts
        .into_iter()
        .map(|(label, hours)| TimeOfDay {
            label,
            count: dated
                .iter()
                .filter(|(d, _, h)| *d >= first_week && hours.contains(h))
                .count() as u32,
        })
        .collect();
    let month_ago = today
        .checked_sub(jiff::Span::new().days(30))
        .unwrap_or(today);
    let recent: Vec<&Entry> = dated
        .iter()
        .filter(|(d, _, _)| *d > month_ago)
        .map(|(_, e, _)| *e)
        .collect();
    Patterns {
        kinds: TriggerKind::ALL.iter().map(|k| k.label()).collect(),
        weeks,
        times_of_day,
        summary: summary(&recent, entries.len() + usize::from(earlier)),
    }
}

fn summary(recent: &[&Entry], all: usize) -> String {
    if recent.is_empty() {
        return match all {
            0 => "Nothing logged yet. Patterns show here once you have a few entries; only you see them.".into(),
            _ => "Nothing logged in the last month.".into(),
        };
    }
    let count = |k: &TriggerKind| recent.iter().filter(|e| e.kind == *k).count();
    let top = TriggerKind::ALL.iter().map(count).max().unwrap_or(0);
    // Named in a sentence: only the first keeps its capital ("A late reply and social media").
    let most: Vec<String> = TriggerKind::ALL
        .iter()
        .filter(|k| count(k) == top)
        .enumerate()
        .map(|(i, k)| match i {
            0 => k.label().to_string(),
            _ => k.label().to_lowercase(),
        })
        .collect();
    let (before, after) = (
        mean(recent.iter().map(|e| e.before)).unwrap_or_default(),
        mean(recent.iter().map(|e| e.after)).unwrap_or_default(),
    );
    let (b, a) = (intensity(before), intensity(after));
    let change = if after + 0.5 < before {
        format!("average intensity fell from {b} to {a} by the time you logged it")
    } else if after > before + 0.5 {
        format!("average intensity rose from {b} to {a}; that's worth being gentle with")
    } else {
        format!("average intensity stayed about {b}")
    };
    let entries = |n: usize| match n {
        1 => "1 entry".to_string(),
        n => format!("{n} entries"),
    };
    let which = match most.as_slice() {
        [one] if top == recent.len() => format!("{one} was behind every entry this month"),
        [one] => format!(
            "{one} came up most often this month ({} of {})",
            top,
            entries(recent.len())
        ),
        [first @ .., last] => format!(
            "{} and {last} came up most often this month ({} each, of {})",
            first.join(", "),
            top,
            entries(recent.len())
        ),
        [] => format!("You logged {} this month", entries(recent.len())),
    };
    format!("{which}; {change}.")
}

/// An average intensity as said: a whole number when it is one, else to one decimal ("6.5").
fn intensity(x: f64) -> String {
    let tenths = (x * 10.0).round() / 10.0;
    match tenths.fract() == 0.0 {
        true => format!("{tenths:.0}"),
        false => format!("{tenths:.1}"),
    }
}
