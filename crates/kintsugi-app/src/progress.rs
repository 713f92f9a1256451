//! Progress: the five signs that trust is growing, each person's own, week by week on their
//! own clock. The steps in the registry give their series (`Step::measuring`); this module
//! names no step. Honest about little data: a series with fewer than four weeks of data says so
//! and draws no line; nothing here scores a person or counts a streak.

use serde::Serialize;

use crate::measure::{Per, Series, Sign};
use crate::{Actor, Result, now};

/// How far back a view looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// The last eight weeks.
    Weeks8,
    /// The last six months (26 weeks).
    Months6,
    /// Everything, from the first week with data (five years at most).
    All,
}

impl Period {
    /// Every period, as a picker shows them.
    pub const ALL: [Period; 3] = [Period::Weeks8, Period::Months6, Period::All];

    /// Its name in forms and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Weeks8 => "weeks8",
            Period::Months6 => "months6",
            Period::All => "all",
        }
    }

    /// In words.
    pub fn label(self) -> &'static str {
        match self {
            Period::Weeks8 => "Last 8 weeks",
            Period::Months6 => "Last 6 months",
            Period::All => "Everything",
        }
    }

    /// A form or API name.
    pub fn parse(s: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// How many weeks it covers at most.
    fn weeks(self) -> i64 {
        match self {
            Period::Weeks8 => 8,
            Period::Months6 => 26,
            Period::All => MOST_WEEKS,
        }
    }
}

/// The most weeks a view shows (five years).
const MOST_WEEKS: i64 = 261;
/// How many weeks with data a series needs before it speaks of a trend.
pub const ENOUGH_WEEKS: usize = 4;

/// One series, week by week.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeriesView {
    /// What it is.
    pub name: &'static str,
    /// Its unit.
    pub unit: &'static str,
    /// One value a week, oldest first (`null` for a week without data).
    pub weeks: Vec<Option<f64>>,
    /// How many weeks have data.
    pub weeks_with_data: usize,
    /// Whether there is enough to see a trend (then a line is drawn).
    pub enough: bool,
    /// The values a chart spans.
    pub range: (f64, f64),
    /// In words.
    pub words: String,
}

/// One sign with its series.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignView {
    /// Which sign.
    pub sign: Sign,
    /// Its name.
    pub title: &'static str,
    /// What it looks at.
    pub about: &'static str,
    /// Its series.
    pub series: Vec<SeriesView>,
    /// Whether any week of any series holds something.
    pub with_data: bool,
    /// The steps it grows from (their slugs), for "nothing here yet".
    pub from: Vec<&'static str>,
}

/// A person's progress over a period.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Progress {
    /// The period shown.
    pub period: Period,
    /// Each week's Monday on the person's clock ("3 Nov"), oldest first.
    pub weeks: Vec<String>,
    /// The five signs.
    pub signs: Vec<SignView>,
}

/// The actor's progress over `period`: every registered step's series, read from the period's
/// start (only the person's own, and facts both made).
pub async fn progress(actor: &Actor, period: Period) -> Result<Progress> {
    let now = now();
    let since = now - (period.weeks() + 1) * 7 * 86_400;
    let mut series = Vec::new();
    let mut from: Vec<(crate::measure::Sign, &'static str)> = Vec::new();
    for step in crate::steps::STEPS {
        if let Some(measure) = step.measures {
            let given = measure(actor, since).await?;
            from.extend(given.iter().map(|s| (s.sign, step.slug)));
            series.extend(given);
        }
    }
    let mut progress = weekly(&series, &actor.zone, now, period);
    for sign in &mut progress.signs {
        let mut slugs: Vec<&'static str> = from
            .iter()
            .filter(|(s, _)| *s == sign.sign)
            .map(|(_, slug)| *slug)
            .collect();
        slugs.dedup();
        sign.from = slugs;
    }
    Ok(progress)
}

/// The series week by week (pure: what the benchmark times).
pub fn weekly(
    series: &[Series],
    zone: &kintsugi_domain::Zone,
    now: i64,
    period: Period,
) -> Progress {
    // Monday-weeks since the epoch (1970-01-01 was a Thursday).
    let week_of = |secs: i64| (zone.day_number(secs) + 3).div_euclid(7);
    let this_week = week_of(now);
    let earliest = series
        .iter()
        .flat_map(|s| s.points.iter().map(|(t, _)| week_of(*t)))
        .min()
        .unwrap_or(this_week);
    let count = match period {
        Period::All => (this_week - earliest + 1).clamp(1, MOST_WEEKS),
        p => p.weeks(),
    };
    let first_week = this_week - count + 1;
    let weeks: Vec<String> = (first_week..=this_week).map(monday_label).collect();
    let signs = Sign::ALL
        .iter()
        .map(|sign| {
            let series: Vec<SeriesView> = series
                .iter()
                .filter(|s| s.sign == *sign)
                .map(|s| view_of(s, first_week, count, week_of))
                .collect();
            SignView {
                sign: *sign,
                title: sign.title(),
                about: sign.about(),
                with_data: series.iter().any(|s| s.weeks_with_data > 0),
                series,
                from: Vec::new(),
            }
        })
        .collect();
    Progress {
        period,
        weeks,
        signs,
    }
}

fn view_of(s: &Series, first_week: i64, count: i64, week_of: impl Fn(i64) -> i64) -> SeriesView {
    let n = usize::try_from(count).unwrap_or(0);
    let mut sums = vec![(0.0f64, 0u32); n];
    for (t, v) in &s.points {
        let at = week_of(*t) - first_week;
        if let Some(slot) = usize::try_from(at).ok().and_then(|i| sums.get_mut(i)) {
            slot.0 += v;
            slot.1 += 1;
        }
    }
    let weeks: Vec<Option<f64>> = sums
        .iter()
        .map(|(sum, k)| match (s.per, *k) {
            (Per::Count, _) => Some(*sum),
            (Per::Mean, 0) => None,
            (Per::Mean, k) => Some(sum / f64::from(k)),
        })
        .collect();
    let with_data = sums.iter().filter(|(_, k)| *k > 0).count();
    // A count's empty weeks are zeros only once the person has started.
    let started = sums.iter().position(|(_, k)| *k > 0).unwrap_or(n);
    let weeks: Vec<Option<f64>> = weeks
        .into_iter()
        .enumerate()
        .map(|(i, w)| w.filter(|_| i >= started))
        .collect();
    let enough = with_data >= ENOUGH_WEEKS;
    SeriesView {
        words: words(s, &weeks, with_data, enough),
        name: s.name,
        unit: s.unit,
        weeks,
        weeks_with_data: with_data,
        enough,
        range: s.range,
    }
}

/// A number as a person reads it: one decimal, none when it is whole.
fn num(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

fn words(s: &Series, weeks: &[Option<f64>], with_data: usize, enough: bool) -> String {
    if with_data == 0 {
        return format!("{}: nothing in these weeks yet.", s.name);
    }
    if !enough {
        let w = if with_data == 1 { "week" } else { "weeks" };
        return format!(
            "{}: {with_data} {w} with something to count is too little to see a trend yet.",
            s.name
        );
    }
    let known: Vec<f64> = weeks.iter().flatten().copied().collect();
    let half = known.len() / 2;
    let mean = |xs: &[f64]| xs.iter().sum::<f64>() / xs.len().max(1) as f64;
    let (then, lately) = (mean(&known[..half]), mean(&known[half..]));
    let span = (s.range.1 - s.range.0).abs().max(1.0);
    let change = lately - then;
    let direction = if change.abs() < span * 0.05 {
        "about the same as before"
    } else if (change < 0.0) == s.lower_is_better {
        "a change for the better"
    } else {
        "harder than before"
    };
    format!(
        "{}: about {} {} in the earlier weeks and {} lately, {direction}.",
        s.name,
        num(then),
        s.unit,
        num(lately)
    )
}

/// The Monday of Monday-week `week` ("3 Nov").
fn monday_label(week: i64) -> String {
    let days = week * 7 - 3;
    jiff::civil::Date::constant(1970, 1, 1)
        .checked_add(jiff::Span::new().days(days))
        .map(|d| d.strftime("%-d %b").to_string())
        .unwrap_or_default()
}

/// Five years of daily data in every series (benchmarks and tests: the far end of real use).
#[doc(hidden)]
pub fn five_years_of_daily_data(now: i64) -> Vec<Series> {
    let day = 86_400;
    let points = |f: fn(i64) -> f64| (0..5 * 365).map(|d| (now - d * day, f(d))).collect();
    let series = |sign, name, per, points| Series {
        sign,
        name,
        unit: "a week",
        per,
        lower_is_better: false,
        range: (0.0, 10.0),
        points,
    };
    vec![
        series(
            Sign::LessWorry,
            "Trigger entries",
            Per::Count,
            points(|_| 1.0),
        ),
        series(
            Sign::LessWorry,
            "Intensity",
            Per::Mean,
            points(|d| (d % 10) as f64),
        ),
        series(
            Sign::CandidTalks,
            "Felt heard",
            Per::Mean,
            points(|d| (d % 5) as f64),
        ),
        series(
            Sign::Honesty,
            "Kept",
            Per::Mean,
            points(|d| (d % 2) as f64 * 10.0),
        ),
        series(
            Sign::Honesty,
            "Mine kept",
            Per::Mean,
            points(|d| (d % 3 % 2) as f64 * 10.0),
        ),
        series(
            Sign::Closeness,
            "Closeness",
            Per::Mean,
            points(|d| (d % 10) as f64),
        ),
        series(
            Sign::FewerFights,
            "Fights",
            Per::Mean,
            points(|d| (d % 7 % 2) as f64 * 10.0),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use kintsugi_domain::Zone;

    const NOW: i64 = 1_796_000_000;

    fn entries(weeks_back: &[i64]) -> Series {
        Series {
            sign: Sign::LessWorry,
            name: "Trigger entries",
            unit: "a week",
            per: Per::Count,
            lower_is_better: true,
            range: (0.0, 10.0),
            points: weeks_back
                .iter()
                .map(|w| (NOW - w * 7 * 86_400, 1.0))
                .collect(),
        }
    }

    #[test]
    fn few_weeks_say_so_and_enough_weeks_read_a_direction() {
        let p = weekly(&[entries(&[0, 1])], &Zone::utc(), NOW, Period::Weeks8);
        assert_eq!(p.weeks.len(), 8);
        let s = &p.signs[0].series[0];
        assert!(!s.enough);
        assert!(
            s.words
                .contains("2 weeks with something to count is too little"),
            "{}",
            s.words
        );
        // Five a week early on, one a week lately: fewer, for the better.
        let mut back = Vec::new();
        for w in 4..8 {
            back.extend([w; 5]);
        }
        back.extend([0, 1, 2, 3]);
        let p = weekly(&[entries(&back)], &Zone::utc(), NOW, Period::Weeks8);
        let s = &p.signs[0].series[0];
        assert!(s.enough);
        assert_eq!(s.weeks[0], Some(5.0));
        assert_eq!(s.weeks[7], Some(1.0));
        assert_eq!(
            s.words,
            "Trigger entries: about 5 a week in the earlier weeks and 1 lately, a change for the better."
        );
        assert!(p.signs[1].series.is_empty(), "nothing given for talks");
    }

    #[test]
    fn everything_starts_at_the_first_week_with_data() {
        let p = weekly(&[entries(&[30])], &Zone::utc(), NOW, Period::All);
        assert_eq!(p.weeks.len(), 31);
        let s = &p.signs[0].series[0];
        assert_eq!(s.weeks[0], Some(1.0));
        assert_eq!(
            s.weeks[1],
            Some(0.0),
            "a count's quiet week is a zero once started"
        );
        let five = weekly(
            &five_years_of_daily_data(NOW),
            &Zone::utc(),
            NOW,
            Period::All,
        );
        assert!(five.weeks.len() <= 261 && five.weeks.len() >= 260);
    }
}
