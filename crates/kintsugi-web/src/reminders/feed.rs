//! The private calendar feed (RFC 5545): what falls due for its owner, read without anyone's
//! key (a kind, a link and a time), titled "Appointment" unless they chose plain titles.

use icalendar::{Calendar, Component, Event, EventLike, Property};
use kintsugi_app::due::Moment;
use kintsugi_domain::UserId;
use kintsugi_store::DueWhen;

use crate::AppState;

/// The title every item has unless its owner chose plain titles.
pub const NEUTRAL: &str = "Appointment";

/// How long a timed item lasts in the calendar.
const TIMED_MINUTES: i64 = 60;

/// The feed of `user`: their moments, titled plainly (with `partner` for "{partner}") or not.
pub(crate) fn calendar(
    state: &AppState,
    user: UserId,
    moments: &[Moment],
    plain: Option<&str>,
) -> String {
    let mut cal = Calendar::new();
    cal.name(if plain.is_some() {
        "Kintsugi"
    } else {
        "Calendar"
    });
    for m in moments {
        let title = match plain {
            Some(partner) => m.title.replace("{partner}", partner),
            None => NEUTRAL.to_string(),
        };
        let mut e = Event::new();
        e.uid(&format!("{}-{}-{}@kintsugi", m.kind, m.subject, user.0))
            .summary(&title);
        if plain.is_some() {
            e.url(&super::absolute(state, &m.href));
        }
        match &m.when {
            DueWhen::At(at) => {
                let Some(start) = chrono::DateTime::from_timestamp(*at, 0) else {
                    continue;
                };
                e.starts(start)
                    .ends(start + chrono::Duration::minutes(TIMED_MINUTES));
            }
            DueWhen::Day(day) => {
                let Ok(date) = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") else {
                    continue;
                };
                e.all_day(date);
            }
        }
        if let Some(rule) = m.repeat.as_deref().and_then(rrule) {
            e.append_property(Property::new("RRULE", &rule));
        }
        cal.push(e.done());
    }
    cal.done().to_string()
}

/// A repeat as an RRULE (`daily`, `weekly:1,4` with 1 for Monday).
fn rrule(repeat: &str) -> Option<String> {
    if repeat == "daily" {
        return Some("FREQ=DAILY".into());
    }
    const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    let days: Vec<&str> = repeat
        .strip_prefix("weekly:")?
        .split(',')
        .filter_map(|d| d.trim().parse::<usize>().ok())
        .filter_map(|d| DAYS.get(d.checked_sub(1)?).copied())
        .collect();
    (!days.is_empty()).then(|| format!("FREQ=WEEKLY;BYDAY={}", days.join(",")))
}

#[cfg(test)]
mod tests {
    use super::rrule;

    #[test]
    fn repeats_read_as_rules() {
        assert_eq!(rrule("daily").as_deref(), Some("FREQ=DAILY"));
        assert_eq!(
            rrule("weekly:1,4,7").as_deref(),
            Some("FREQ=WEEKLY;BYDAY=MO,TH,SU")
        );
        assert_eq!(rrule("weekly:0,8"), None);
        assert_eq!(rrule("monthly"), None);
    }
}
