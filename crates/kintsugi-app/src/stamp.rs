//! Moments as every page, the API and an export show them, in one place.

use serde::{Serialize, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

/// A moment (unix seconds). Serialized as RFC 3339; pages show [`Stamp::date`] or
/// [`Stamp::date_time`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
pub struct Stamp(pub i64);

impl Stamp {
    fn at(self) -> Option<OffsetDateTime> {
        OffsetDateTime::from_unix_timestamp(self.0).ok()
    }

    /// "26 November 2026".
    pub fn date(&self) -> String {
        let fmt = format_description!("[day padding:none] [month repr:long] [year]");
        self.at()
            .and_then(|t| t.format(fmt).ok())
            .unwrap_or_default()
    }

    /// "26 November 2026, 20:45 UTC".
    pub fn date_time(&self) -> String {
        let fmt =
            format_description!("[day padding:none] [month repr:long] [year], [hour]:[minute] UTC");
        self.at()
            .and_then(|t| t.format(fmt).ok())
            .unwrap_or_default()
    }

    /// RFC 3339, for machines (and `<time datetime>`).
    pub fn rfc3339(&self) -> String {
        self.at()
            .and_then(|t| t.format(&Rfc3339).ok())
            .unwrap_or_default()
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.rfc3339())
    }
}

#[cfg(test)]
mod tests {
    use super::Stamp;

    #[test]
    fn one_moment_reads_the_same_everywhere() {
        let s = Stamp(1_795_725_900);
        assert_eq!(s.rfc3339(), "2026-11-26T20:45:00Z");
        assert_eq!(s.date(), "26 November 2026");
        assert_eq!(s.date_time(), "26 November 2026, 20:45 UTC");
        assert_eq!(
            serde_json::to_string(&s).expect("serializes"),
            "\"2026-11-26T20:45:00Z\""
        );
    }
}
