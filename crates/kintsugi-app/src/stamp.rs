//! Moments as every page, the API and an export show them, in one place: in the reader's own
//! time zone, never as UTC on a page.

use kintsugi_domain::Zone;
use serde::{Serialize, Serializer};

/// A moment (unix seconds) as one reader reads it. Serialized as RFC 3339 with the reader's
/// offset; pages show [`Stamp::date`] or [`Stamp::date_time`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// Unix seconds.
    pub at: i64,
    zone: Zone,
}

impl Stamp {
    /// `at` (unix seconds) as a reader in `zone` reads it.
    pub fn new(at: i64, zone: &Zone) -> Stamp {
        Stamp {
            at,
            zone: zone.clone(),
        }
    }

    /// "26 November 2026".
    pub fn date(&self) -> String {
        self.zone.format(self.at, "%-d %B %Y")
    }

    /// "26 Nov", for a chart's axis.
    pub fn short_date(&self) -> String {
        self.zone.format(self.at, "%-d %b")
    }

    /// "26 November 2026, 20:45".
    pub fn date_time(&self) -> String {
        self.zone.format(self.at, "%-d %B %Y, %H:%M")
    }

    /// RFC 3339 with the reader's offset, for machines (and `<time datetime>`).
    pub fn rfc3339(&self) -> String {
        self.zone.rfc3339(self.at)
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.rfc3339())
    }
}

/// In the API's schema: an RFC 3339 date-time string.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Stamp {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Stamp {}

#[cfg(test)]
mod tests {
    use super::Stamp;
    use kintsugi_domain::Zone;

    #[test]
    fn one_moment_reads_in_each_readers_zone() {
        let s = Stamp::new(1_795_725_900, &Zone::utc());
        assert_eq!(s.rfc3339(), "2026-11-26T20:45:00Z");
        assert_eq!(s.date(), "26 November 2026");
        assert_eq!(s.date_time(), "26 November 2026, 20:45");
        assert_eq!(
            serde_json::to_string(&s).expect("serializes"),
            "\"2026-11-26T20:45:00Z\""
        );
        let tokyo = Stamp::new(1_795_725_900, &Zone::parse("Asia/Tokyo").expect("known"));
        assert_eq!(tokyo.date_time(), "27 November 2026, 05:45");
        assert_eq!(tokyo.rfc3339(), "2026-11-27T05:45:00+09:00");
    }
}
