//! The private after-talk ratings over time: the person's own trend, never the partner's.

use serde::Serialize;

use super::{Rating, TalkView};
use crate::Stamp;

/// One talk the reader rated, for their own trend.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatedTalk {
    /// The talk.
    pub talk_id: String,
    /// When the talk was.
    pub at: Stamp,
    /// What it was about.
    pub topic: String,
    /// The reader's own answers.
    pub rating: Rating,
}

/// The reader's rated talks, oldest first (from their list of talks, which carries only their
/// own ratings).
pub fn rated(talks: &[TalkView]) -> Vec<RatedTalk> {
    let mut out: Vec<(i64, RatedTalk)> = talks
        .iter()
        .filter_map(|t| {
            let rated = t.rating.map(|rating| RatedTalk {
                talk_id: t.id.clone(),
                at: t.starts_at.clone(),
                topic: t.topic.clone(),
                rating,
            });
            rated.map(|r| (t.created_at.at, r))
        })
        .collect();
    // Talks at the same time keep the order they were proposed in.
    out.sort_by_key(|(created, r)| (r.at.at, *created));
    out.into_iter().map(|(_, r)| r).collect()
}

/// The trend in a sentence or two, for everyone who doesn't read the chart.
pub fn in_words(rated: &[RatedTalk]) -> String {
    let Some(last) = rated.last() else {
        return String::new();
    };
    let n = rated.len() as f64;
    let mean =
        |f: fn(&Rating) -> u8| rated.iter().map(|r| f64::from(f(&r.rating))).sum::<f64>() / n;
    let (heard, calm) = (mean(|r| r.felt_heard), mean(|r| r.stayed_calm));
    let fights = rated.iter().filter(|r| r.rating.turned_into_fight).count();
    let latest = format!(
        "In the latest, on {}, you felt heard {} out of 5 and stayed calm {} out of 5.",
        last.at.date(),
        last.rating.felt_heard,
        last.rating.stayed_calm
    );
    if rated.len() == 1 {
        return format!("You've rated one talk so far. {latest}");
    }
    let fights = match fights {
        0 => "None of them turned into a fight.".to_string(),
        1 => "One of them turned into a fight.".to_string(),
        k => format!("{k} of them turned into a fight."),
    };
    format!(
        "Across the {} talks you rated, you felt heard {heard:.1} out of 5 on average and stayed calm {calm:.1}. {fights} {latest}",
        rated.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use kintsugi_domain::Zone;

    fn rated_on(day: i64, heard: u8, calm: u8, fight: bool) -> RatedTalk {
        RatedTalk {
            talk_id: day.to_string(),
            at: Stamp::new(1_795_000_000 + day * 86_400, &Zone::utc()),
            topic: "Us".into(),
            rating: Rating {
                felt_heard: heard,
                stayed_calm: calm,
                turned_into_fight: fight,
                about_past: false,
            },
        }
    }

    #[test]
    fn the_trend_reads_as_plain_words() {
        assert_eq!(in_words(&[]), "");
        let one = in_words(&[rated_on(0, 2, 3, false)]);
        assert!(one.starts_with("You've rated one talk so far."), "{one}");
        assert!(
            one.contains("felt heard 2 out of 5 and stayed calm 3"),
            "{one}"
        );
        let three = [
            rated_on(0, 2, 3, true),
            rated_on(7, 3, 3, false),
            rated_on(14, 4, 5, false),
        ];
        let words = in_words(&three);
        assert!(words.contains("Across the 3 talks you rated, you felt heard 3.0 out of 5 on average and stayed calm 3.7."), "{words}");
        assert!(
            words.contains("One of them turned into a fight."),
            "{words}"
        );
        assert!(
            words.contains("you felt heard 4 out of 5 and stayed calm 5"),
            "{words}"
        );
    }
}
