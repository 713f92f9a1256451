//! When reminders come: a time of day, quiet hours, the days a repeating thing falls on, all on
//! the person's own clock. Pure rules, no storage.

use jiff::civil::Date;

use crate::when::Zone;
use crate::{Field, InvalidInput};

/// The time of day for the day's reminders.
pub const DAILY_AT: Field = Field::new("daily_at", "Time for the day's reminders");
/// When quiet hours start.
pub const QUIET_FROM: Field = Field::new("quiet_from", "Quiet from");
/// When quiet hours end.
pub const QUIET_TO: Field = Field::new("quiet_to", "Quiet until");

/// A time of day (`HH:MM`, 24-hour) as minutes after midnight.
pub fn clock_time(s: &str, field: Field) -> Result<i64, InvalidInput> {
    let s = s.trim();
    if s.is_empty() {
        return Err(InvalidInput::Empty { field });
    }
    let bad = InvalidInput::Format {
        field,
        rule: "needs to be a time of day like 07:30 or 21:00.",
    };
    let (h, m) = s.split_once(':').ok_or(bad.clone())?;
    let ok = |p: &str| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit());
    if !ok(h) || !ok(m) {
        return Err(bad);
    }
    let (h, m): (i64, i64) = (
        h.parse().map_err(|_| bad.clone())?,
        m.parse().map_err(|_| bad.clone())?,
    );
    if h > 23 || m > 59 {
        return Err(bad);
    }
    Ok(h * 60 + m)
}

/// Minutes after midnight as `HH:MM`.
pub fn show_time(minutes: i64) -> String {
    let m = minutes.rem_euclid(1440);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Quiet hours: from one time of day to another (crossing midnight when `to` is earlier).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quiet {
    /// Starts, in minutes after midnight.
    pub from: i64,
    /// Ends.
    pub to: i64,
}

impl Quiet {
    /// Quiet hours from two times of day; they must differ (the same time is no quiet at all,
    /// or all of it: say which by turning them off, or e-mail off).
    pub fn parse(from: &str, to: &str) -> Result<Quiet, InvalidInput> {
        let q = Quiet {
            from: clock_time(from, QUIET_FROM)?,
            to: clock_time(to, QUIET_TO)?,
        };
        if q.from == q.to {
            return Err(InvalidInput::Format {
                field: QUIET_TO,
                rule: "needs to be a different time from when quiet hours start.",
            });
        }
        Ok(q)
    }

    /// Whether a time of day is inside.
    pub fn contains(&self, minute: i64) -> bool {
        if self.from < self.to {
            self.from <= minute && minute < self.to
        } else {
            minute >= self.from || minute < self.to
        }
    }
}

/// The time of day at the instant `at` on the zone's clock, in minutes after midnight.
pub fn minute_of_day(zone: &Zone, at: i64) -> i64 {
    let hm = zone.format(at, "%H:%M");
    clock_time(&hm, DAILY_AT).unwrap_or(0)
}

/// The day the instant `at` falls on, on the zone's clock.
pub fn day_of(zone: &Zone, at: i64) -> Option<Date> {
    zone.format(at, "%Y-%m-%d").parse().ok()
}

/// The instant a day's time of day comes on the zone's clock (a time a clock change skips is
/// moved forward by the gap).
pub fn instant_on(zone: &Zone, day: Date, minutes: i64) -> Option<i64> {
    zone.instant(&format!("{day}T{}", show_time(minutes)))
}

/// The first instant at or after `at` outside quiet hours (`at` itself when it isn't quiet).
pub fn after_quiet(zone: &Zone, quiet: Option<Quiet>, at: i64) -> i64 {
    let Some(q) = quiet else { return at };
    if !q.contains(minute_of_day(zone, at)) {
        return at;
    }
    let Some(day) = day_of(zone, at) else {
        return at;
    };
    // The end is today or tomorrow on their clock, whichever comes first after `at`.
    [Some(day), day.tomorrow().ok()]
        .into_iter()
        .flatten()
        .filter_map(|d| instant_on(zone, d, q.to))
        .find(|t| *t > at)
        .unwrap_or(at)
}

/// The last instant before `at` outside quiet hours, half an hour before they start (`at`
/// itself when it isn't quiet): for a reminder of something that would otherwise come after
/// the thing itself.
pub fn before_quiet(zone: &Zone, quiet: Option<Quiet>, at: i64) -> i64 {
    let Some(q) = quiet else { return at };
    if !q.contains(minute_of_day(zone, at)) {
        return at;
    }
    let Some(day) = day_of(zone, at) else {
        return at;
    };
    [Some(day), day.yesterday().ok()]
        .into_iter()
        .flatten()
        .filter_map(|d| instant_on(zone, d, q.from))
        .find(|t| *t <= at)
        .map_or(at, |start| start - 30 * 60)
}

/// Whether something that falls due from `first` (a day) and repeats as `repeat` says
/// (`daily`, `weekly:1,4` with 1 for Monday; none: only that day) falls on `day`.
pub fn falls_on(first: Date, repeat: Option<&str>, day: Date) -> bool {
    match repeat {
        None => day == first,
        Some(_) if day < first => false,
        Some("daily") => true,
        Some(r) => match r.strip_prefix("weekly:") {
            Some(days) => {
                let weekday = i64::from(day.weekday().to_monday_one_offset());
                days.split(',')
                    .any(|d| d.trim().parse::<i64>() == Ok(weekday))
            }
            None => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().expect("a day")
    }

    #[test]
    fn times_of_day_are_read_strictly() {
        assert_eq!(clock_time("07:30", DAILY_AT), Ok(450));
        assert_eq!(clock_time("23:59", DAILY_AT), Ok(1439));
        for bad in ["7:30", "24:00", "12:60", "noon", "12:3", "１２:00", "-1:00"] {
            assert!(clock_time(bad, DAILY_AT).is_err(), "{bad}");
        }
        assert!(matches!(
            clock_time(" ", DAILY_AT),
            Err(InvalidInput::Empty { .. })
        ));
        assert_eq!(show_time(450), "07:30");
    }

    #[test]
    fn quiet_hours_may_cross_midnight_but_not_be_empty() {
        let night = Quiet::parse("22:00", "07:00").expect("valid");
        assert!(night.contains(23 * 60) && night.contains(60) && !night.contains(7 * 60));
        assert!(!night.contains(21 * 60 + 59));
        let lunch = Quiet::parse("12:00", "13:00").expect("valid");
        assert!(lunch.contains(12 * 60 + 30) && !lunch.contains(13 * 60));
        assert!(Quiet::parse("22:00", "22:00").is_err(), "no sense");
    }

    #[test]
    fn a_reminder_in_quiet_hours_waits_for_them_to_end_on_the_persons_clock() {
        let zone = Zone::parse("Europe/London").expect("zone");
        let q = Some(Quiet::parse("22:00", "07:00").expect("valid"));
        let late = zone.instant("2026-12-06T23:15").expect("instant");
        let morning = zone.instant("2026-12-07T07:00").expect("instant");
        assert_eq!(after_quiet(&zone, q, late), morning);
        let early = zone.instant("2026-12-07T05:00").expect("instant");
        assert_eq!(after_quiet(&zone, q, early), morning, "the same morning");
        let day = zone.instant("2026-12-07T12:00").expect("instant");
        assert_eq!(after_quiet(&zone, q, day), day, "not quiet");
        let evening = zone.instant("2026-12-06T21:30").expect("instant");
        assert_eq!(before_quiet(&zone, q, late), evening);
        assert_eq!(before_quiet(&zone, q, early), evening, "the evening before");
        assert_eq!(after_quiet(&zone, None, late), late);
    }

    #[test]
    fn repeating_things_fall_on_their_days() {
        let first = day("2026-12-01"); // a Tuesday
        assert!(falls_on(first, None, first));
        assert!(!falls_on(first, None, day("2026-12-02")));
        assert!(falls_on(first, Some("daily"), day("2027-01-09")));
        assert!(
            !falls_on(first, Some("daily"), day("2026-11-30")),
            "not before it starts"
        );
        let weekly = Some("weekly:2,4");
        assert!(falls_on(first, weekly, day("2026-12-03")), "Thursday");
        assert!(!falls_on(first, weekly, day("2026-12-05")), "Saturday");
        assert!(!falls_on(first, Some("fortnightly"), first));
    }
}
