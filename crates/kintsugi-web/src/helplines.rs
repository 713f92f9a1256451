//! Where to turn in danger: the helplines the safety card shows. The operator sets them for
//! their country (`helpline_country`, with the built-in lists below) or lists their own
//! (`[[helplines]]`); the card always also says "your local emergency number".
//!
//! Each built-in entry names where it was checked. Numbers change rarely, but they do change:
//! an operator should check theirs, and can replace any list in the configuration.

use serde::{Deserialize, Serialize};

/// What a line is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineFor {
    /// Someone thinking of ending their life or hurting themselves.
    Crisis,
    /// Someone afraid of, threatened or hurt by a partner.
    Abuse,
    /// Someone worried that they may hurt a partner, and wanting to stop.
    Behaviour,
    /// Finding a counsellor or couples therapist (a directory or a service).
    Counselling,
}

/// One helpline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Helpline {
    /// What it is for.
    #[serde(rename = "for")]
    pub line_for: LineFor,
    /// Its name.
    pub name: String,
    /// How to reach it, as a person would dial or type it ("116 123", "call or text 988").
    pub contact: String,
    /// Its website, if any.
    #[serde(default)]
    pub url: Option<String>,
    /// Where the entry was checked (for the operator; not shown on the card).
    #[serde(default)]
    pub source: String,
    /// Whether it comes built into Kintsugi (rather than from whoever runs this instance).
    #[serde(skip)]
    pub built_in: bool,
}

impl Helpline {
    /// The number to dial, for a `tel:` link: the digits of the first run of at least three
    /// in `contact` ("116 123 (free…)" → "116123", "call or text 988" → "988"), or `None`
    /// when it names no number.
    pub fn tel(&self) -> Option<String> {
        let mut run = String::new();
        for c in self.contact.chars().chain(['.']) {
            match c {
                '0'..='9' => run.push(c),
                ' ' | '-' if !run.is_empty() => {}
                _ if run.len() >= 3 => return Some(run),
                _ => run.clear(),
            }
        }
        None
    }
}

fn line(line_for: LineFor, name: &str, contact: &str, url: &str) -> Helpline {
    Helpline {
        line_for,
        name: name.to_string(),
        contact: contact.to_string(),
        url: Some(url.to_string()),
        source: url.to_string(),
        built_in: true,
    }
}

/// The countries with a built-in list.
pub const COUNTRIES: [&str; 4] = ["AU", "GB", "IE", "US"];

/// The built-in list for a country (ISO 3166 alpha-2, `UK` accepted for `GB`), or `None`.
pub fn for_country(code: &str) -> Option<Vec<Helpline>> {
    use LineFor::{Abuse, Behaviour, Counselling, Crisis};
    let lines = match code.trim().to_ascii_uppercase().as_str() {
        "GB" | "UK" => vec![
            line(
                Crisis,
                "Samaritans",
                "116 123 (free, day or night)",
                "https://www.samaritans.org",
            ),
            line(
                Abuse,
                "National Domestic Abuse Helpline",
                "0808 2000 247 (free, 24 hours)",
                "https://www.nationaldahelpline.org.uk",
            ),
            line(
                Behaviour,
                "Respect Phone Line",
                "0808 802 4040 (free)",
                "https://respectphoneline.org.uk",
            ),
            line(
                Counselling,
                "Relate",
                "relationship counselling near you, or online",
                "https://www.relate.org.uk",
            ),
        ],
        "IE" => vec![
            line(
                Crisis,
                "Samaritans Ireland",
                "116 123 (free, day or night)",
                "https://www.samaritans.org/ireland",
            ),
            line(
                Abuse,
                "Women's Aid 24hr National Freephone Helpline",
                "1800 341 900",
                "https://www.womensaid.ie",
            ),
            line(
                Counselling,
                "Relationships Ireland",
                "couples and individual counselling",
                "https://www.relationshipsireland.com",
            ),
        ],
        "US" => vec![
            line(
                Crisis,
                "988 Suicide & Crisis Lifeline",
                "call or text 988",
                "https://988lifeline.org",
            ),
            line(
                Abuse,
                "National Domestic Violence Hotline",
                "1-800-799-7233, or text START to 88788",
                "https://www.thehotline.org",
            ),
            line(
                Behaviour,
                "National Domestic Violence Hotline (also for people worried about their own behaviour)",
                "1-800-799-7233",
                "https://www.thehotline.org",
            ),
            line(
                Counselling,
                "American Association for Marriage and Family Therapy",
                "a directory of couple and family therapists",
                "https://www.aamft.org",
            ),
        ],
        "AU" => vec![
            line(
                Crisis,
                "Lifeline",
                "13 11 14",
                "https://www.lifeline.org.au",
            ),
            line(
                Abuse,
                "1800RESPECT",
                "1800 737 732",
                "https://www.1800respect.org.au",
            ),
            line(
                Counselling,
                "Relationships Australia",
                "relationship counselling near you",
                "https://www.relationships.org.au",
            ),
            line(
                Behaviour,
                "Men's Referral Service",
                "1300 766 491",
                "https://ntv.org.au",
            ),
        ],
        _ => return None,
    };
    Some(lines)
}

/// The lines the card shows for a kind of danger.
pub fn of(lines: &[Helpline], line_for: LineFor) -> Vec<&Helpline> {
    lines.iter().filter(|l| l.line_for == line_for).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_gives_the_number_to_dial() {
        let tel = |contact: &str| {
            let mut l = line(LineFor::Crisis, "x", contact, "https://x");
            l.contact = contact.into();
            l.tel()
        };
        assert_eq!(
            tel("116 123 (free, day or night)").as_deref(),
            Some("116123")
        );
        assert_eq!(tel("call or text 988").as_deref(), Some("988"));
        assert_eq!(
            tel("1-800-799-7233, or text START to 88788").as_deref(),
            Some("18007997233")
        );
        assert_eq!(
            tel("0808 2000 247 (free, 24 hours)").as_deref(),
            Some("08082000247")
        );
        assert_eq!(tel("13 11 14").as_deref(), Some("131114"));
        assert_eq!(tel("through the website"), None);
    }

    #[test]
    fn every_built_in_country_has_both_kinds_with_a_source() {
        for c in COUNTRIES {
            let lines = for_country(c).expect("built in");
            for kind in [LineFor::Crisis, LineFor::Abuse] {
                assert!(!of(&lines, kind).is_empty(), "{c} {kind:?}");
            }
            assert!(
                lines.iter().all(|l| l.source.starts_with("https://")),
                "{c}"
            );
        }
        assert_eq!(for_country("uk"), for_country("GB"));
        assert_eq!(
            for_country("IE").map(|l| of(&l, LineFor::Behaviour).len()),
            Some(0)
        );
        assert_eq!(for_country("ZZ"), None);
    }
}
