//! Time zones and moments as a person reads them.
//!
//! Every account has a time zone (an IANA name such as `Europe/Paris`, detected by the browser at
//! sign-up and editable in Account). Moments are stored as instants (unix seconds) and shown in
//! the zone of whoever reads them; a time typed into a form is read in the typist's zone.

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;

use crate::{Field, InvalidInput};

/// The time zone field of sign-up and Account.
pub const TIME_ZONE: Field = Field::new("time_zone", "Time zone");

/// A person's time zone.
#[derive(Debug, Clone)]
pub struct Zone(TimeZone);

impl Default for Zone {
    fn default() -> Zone {
        Zone::utc()
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Zone {}

impl Zone {
    /// Coordinated Universal Time: the zone of accounts made before zones existed, and of anyone
    /// whose browser didn't say.
    pub fn utc() -> Zone {
        Zone(TimeZone::UTC)
    }

    /// An IANA zone name, as a form or the API sends it.
    pub fn parse(name: &str) -> Result<Zone, InvalidInput> {
        let name = name.trim();
        if name.is_empty() {
            return Err(InvalidInput::Empty { field: TIME_ZONE });
        }
        let known = (name.len() <= 64)
            .then(|| TimeZone::get(name).ok())
            .flatten()
            .filter(|tz| tz.iana_name().is_some());
        known.map(Zone).ok_or(InvalidInput::Format {
            field: TIME_ZONE,
            rule: "needs to be a time zone from the list, like Europe/London or America/Chicago.",
        })
    }

    /// A stored name; UTC if the zone database no longer knows it.
    pub fn or_utc(name: &str) -> Zone {
        Zone::parse(name).unwrap_or_default()
    }

    /// Its IANA name.
    pub fn name(&self) -> &str {
        self.0.iana_name().unwrap_or("UTC")
    }

    /// Every zone name the database knows, sorted (for a picker).
    pub fn names() -> Vec<String> {
        let mut names: Vec<String> = jiff::tz::db()
            .available()
            .map(|n| n.as_str().to_string())
            .filter(|n| n.contains('/') || n == "UTC")
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// The instant `secs` in this zone, formatted with a `strftime` pattern.
    pub fn format(&self, secs: i64, pattern: &str) -> String {
        Timestamp::from_second(secs)
            .map(|t| {
                t.to_zoned_datetime(self.0.clone())
                    .strftime(pattern)
                    .to_string()
            })
            .unwrap_or_default()
    }

    /// The instant `secs` in RFC 3339 with this zone's offset then (`Z` in UTC).
    pub fn rfc3339(&self, secs: i64) -> String {
        let Ok(t) = Timestamp::from_second(secs) else {
            return String::new();
        };
        let offset = self.0.to_offset(t);
        if offset.seconds() == 0 {
            t.to_string()
        } else {
            t.display_with_offset(offset).to_string()
        }
    }

    /// The day the instant `secs` falls on in this zone, as days since 1970-01-01 (cheap: one
    /// offset lookup, no formatting; for counting many moments by day or week).
    pub fn day_number(&self, secs: i64) -> i64 {
        let offset = Timestamp::from_second(secs)
            .map(|t| i64::from(self.0.to_offset(t).seconds()))
            .unwrap_or_default();
        (secs + offset).div_euclid(86_400)
    }

    /// The year at the instant `secs` in this zone.
    pub fn year(&self, secs: i64) -> i16 {
        Timestamp::from_second(secs)
            .map(|t| t.to_zoned_datetime(self.0.clone()).year())
            .unwrap_or_default()
    }

    /// A wall-clock time (`YYYY-MM-DDTHH:MM`, seconds optional) read in this zone, or an instant
    /// with its own offset (`2026-11-27T19:30:00+01:00`, `…Z`). A time a clock change skips
    /// is moved forward by the gap, as clocks are.
    pub fn instant(&self, s: &str) -> Option<i64> {
        let s = s.trim();
        if let Ok(t) = s.parse::<Timestamp>() {
            return Some(t.as_second());
        }
        let civil: DateTime = s.parse().ok()?;
        let zoned = civil.to_zoned_datetime(self.0.clone()).ok()?;
        Some(zoned.timestamp().as_second())
    }
}

#[cfg(test)]
mod tests {
    use super::Zone;

    #[test]
    fn zones_are_iana_names() {
        assert_eq!(
            Zone::parse(" Europe/Paris ").map(|z| z.name().to_string()),
            Ok("Europe/Paris".into())
        );
        assert!(Zone::parse("").is_err());
        assert!(Zone::parse("Mars/Olympus").is_err());
        assert!(Zone::parse(&"A/".repeat(100)).is_err());
        assert_eq!(Zone::or_utc("Nowhere/Else"), Zone::utc());
        let names = Zone::names();
        assert!(names.iter().any(|n| n == "America/Chicago"));
        assert!(names.iter().any(|n| n == "UTC"));
    }

    #[test]
    fn a_wall_clock_is_read_in_the_zone() {
        let paris = Zone::parse("Europe/Paris").expect("known");
        // 19:30 in Paris in November is 18:30 UTC.
        let at = paris.instant("2026-11-27T19:30").expect("parses");
        assert_eq!(Zone::utc().rfc3339(at), "2026-11-27T18:30:00Z");
        assert_eq!(paris.rfc3339(at), "2026-11-27T19:30:00+01:00");
        assert_eq!(paris.format(at, "%H:%M"), "19:30");
        // An instant with its own offset is taken as it is.
        assert_eq!(paris.instant("2026-11-27T18:30:00Z"), Some(at));
        assert_eq!(paris.instant("tomorrow"), None);
        // Summer time: the same wall clock is an hour earlier in UTC.
        let july = paris.instant("2026-07-01T19:30").expect("parses");
        assert_eq!(Zone::utc().format(july, "%H:%M"), "17:30");
    }
}
