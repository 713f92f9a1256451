//! Promises' rules, and the reliability formula's properties.

use super::*;
use proptest::prelude::*;

fn d(s: &str) -> Date {
    s.parse().expect("a date")
}

#[test]
fn schedules_are_checked_and_read_as_words() {
    let today = d("2026-11-27");
    assert_eq!(Schedule::parse("open", "", &[], today), Ok(Schedule::Open));
    assert!(
        Schedule::parse("once", "2026-11-26", &[], today).is_err(),
        "past"
    );
    assert!(
        Schedule::parse("weekly", "2026-11-27", &[], today).is_err(),
        "no days"
    );
    assert!(Schedule::parse("weekly", "2026-11-27", &[8], today).is_err());
    assert!(Schedule::parse("hourly", "2026-11-27", &[], today).is_err());
    let w = Schedule::parse("weekly", "2026-11-27", &[4, 1, 1], today).expect("weekly");
    assert_eq!(w.words(), "on Mondays and Thursdays from 27 November 2026");
    assert_eq!(w.per_week(), 2.0);
    // Friday 27 November 2026 to Friday 11 December: Mondays and Thursdays.
    let days: Vec<String> = w
        .days_until(d("2026-12-11"))
        .into_iter()
        .map(day_str)
        .collect();
    assert_eq!(
        days,
        ["2026-11-30", "2026-12-03", "2026-12-07", "2026-12-10"]
    );
    let daily = Schedule::parse("daily", "2026-11-27", &[], today).expect("daily");
    assert_eq!(daily.days_until(d("2026-11-29")).len(), 3);
    assert!(daily.is_day(d("2026-11-28"), d("2026-11-29")));
    assert!(!daily.is_day(d("2026-11-30"), d("2026-11-29")), "not yet");
    let once = Schedule::parse("once", "2026-12-01", &[], today).expect("once");
    assert!(once.days_until(today).is_empty());
    assert_eq!(once.days_until(d("2027-01-01")).len(), 1);
}

#[test]
fn marks_are_for_the_promises_own_days() {
    let daily = Schedule::Daily {
        from: "2026-11-20".into(),
    };
    let today = d("2026-11-27");
    assert!(Mark::parse(&daily, "2026-11-21", true, "", today).is_ok());
    assert!(
        Mark::parse(&daily, "2026-11-19", true, "", today).is_err(),
        "before it began"
    );
    assert!(
        Mark::parse(&daily, "2026-11-28", true, "", today).is_err(),
        "not yet"
    );
    assert!(Mark::parse(&daily, "2026-11-21", true, &"x".repeat(301), today).is_err());
    // A promise from step 3 reads as an open one.
    let old: Promise =
        serde_json::from_str(r#"{"text":"I'll call when plans change."}"#).expect("reads");
    assert_eq!(old.schedule, Schedule::Open);
}

#[test]
fn one_miss_is_a_dip_not_a_reset() {
    let mut outcomes = vec![true; 30];
    let before = *reliability(&outcomes, 7.0).last().expect("scores");
    outcomes.push(false);
    let after = *reliability(&outcomes, 7.0).last().expect("scores");
    assert!(after < before && after > 0.8, "{before} then {after}");
    // A daily promise's half-life is two weeks; a weekly one's about five occurrences.
    assert!((half_life(7.0) - 14.0).abs() < 1e-9);
    assert!((half_life(1.0) - 5.29).abs() < 0.01);
}

proptest! {
    #[test]
    fn reliability_stays_between_zero_and_one(outcomes in prop::collection::vec(any::<bool>(), 0..400), per_week in 0.5f64..7.0) {
        for s in reliability(&outcomes, per_week) {
            prop_assert!((0.0..=1.0).contains(&s));
        }
    }

    #[test]
    fn keeping_one_more_never_lowers_it(outcomes in prop::collection::vec(any::<bool>(), 1..200), i in 0usize..200, per_week in 0.5f64..7.0) {
        let i = i % outcomes.len();
        let mut better = outcomes.clone();
        better[i] = true;
        let (a, b) = (reliability(&outcomes, per_week), reliability(&better, per_week));
        prop_assert!(b.last() >= a.last());
    }

    #[test]
    fn it_recovers_after_misses(misses in 1usize..60, per_week in 0.5f64..7.0) {
        let mut outcomes = vec![false; misses];
        // Three half-lives of keeping it bring it back above three quarters, whatever came before.
        let recovery = (3.0 * half_life(per_week)).ceil() as usize;
        outcomes.extend(std::iter::repeat_n(true, recovery));
        let last = *reliability(&outcomes, per_week).last().expect("scores");
        prop_assert!(last > 0.75, "{last}");
    }
}

#[test]
fn too_few_days_are_never_put_as_a_grade() {
    for counted in 0..TOO_FEW_TO_TELL {
        for kept in 0..=counted {
            assert_eq!(kept_range(kept, counted), None);
            assert_eq!(kept_words(kept, counted), None);
        }
    }
    assert_eq!(kept_range(5, 4), None, "more kept than counted is nonsense");
}

#[test]
fn the_range_is_honest_and_narrows_with_more_days() {
    let (lo, hi) = kept_range(4, 5).expect("five days");
    assert!(lo < 0.8 && hi > 0.8 && lo > 0.3 && hi < 1.0, "{lo} {hi}");
    let (lo20, hi20) = kept_range(16, 20).expect("twenty days");
    assert!(hi20 - lo20 < hi - lo, "more days, a narrower range");
    assert_eq!(kept_words(20, 20), Some("kept almost every time"));
    assert_eq!(kept_words(16, 20), Some("kept most of the time"));
    assert_eq!(kept_words(10, 20), Some("kept some of the time"));
    assert_eq!(kept_words(4, 20), Some("kept less often than not"));
    assert_eq!(kept_words(0, 20), Some("rarely kept so far"));
    // Four of four is not yet "almost every time": the range still reaches well below.
    assert_eq!(kept_words(4, 4), Some("kept most of the time"));
}
