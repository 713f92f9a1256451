//! Talk's planning rules, as stories.

use super::*;

fn t(s: &str) -> TalkTime {
    TalkTime::parse(s).expect("valid time")
}

#[test]
fn a_talk_can_be_moved_withdrawn_or_called_off_and_then_stays_as_it_is() {
    let (a, b) = (UserId::new(), UserId::new());
    let note = String::new;
    let s = Status::new(a, t("2026-11-27T19:30"));
    // The proposer moves their own time; the other can't withdraw it.
    let moved = s
        .reply(
            a,
            &Reply::Counter {
                time: t("2026-11-28T10:00"),
                note: note(),
            },
        )
        .expect("fits");
    assert_eq!(
        moved,
        Status::Proposed {
            by: a,
            time: t("2026-11-28T10:00")
        }
    );
    assert_eq!(
        moved.reply(b, &Reply::Withdraw { note: note() }),
        Err(PlanError::NotYoursToWithdraw)
    );
    let gone = moved
        .reply(a, &Reply::Withdraw { note: note() })
        .expect("fits");
    assert!(!gone.is_live());
    assert_eq!(
        gone.reply(b, &Reply::Accept { note: note() }),
        Err(PlanError::CalledOff)
    );
    // Either can call an agreed talk off.
    let agreed = s.reply(b, &Reply::Accept { note: note() }).expect("fits");
    let off = agreed
        .reply(b, &Reply::Cancel { note: note() })
        .expect("fits");
    assert_eq!(
        off,
        Status::Cancelled {
            by: b,
            time: t("2026-11-27T19:30")
        }
    );
    assert_eq!(
        off.reply(a, &Reply::Cancel { note: note() }),
        Err(PlanError::CalledOff)
    );
}

#[test]
fn planning_needs_the_other_partner_to_answer() {
    let (a, b) = (UserId::new(), UserId::new());
    let s = Status::new(a, t("2026-11-27T19:30"));
    assert_eq!(
        s.reply(
            a,
            &Reply::Accept {
                note: String::new()
            }
        ),
        Err(PlanError::OwnProposal)
    );
    let countered = s
        .reply(
            b,
            &Reply::Counter {
                time: t("2026-11-28T10:00"),
                note: String::new(),
            },
        )
        .expect("the partner may counter");
    assert_eq!(
        countered,
        Status::Proposed {
            by: b,
            time: t("2026-11-28T10:00")
        }
    );
    assert_eq!(
        countered.reply(
            b,
            &Reply::Accept {
                note: String::new()
            }
        ),
        Err(PlanError::OwnProposal)
    );
    let agreed = countered
        .reply(
            a,
            &Reply::Accept {
                note: String::new(),
            },
        )
        .expect("accept");
    assert_eq!(
        agreed,
        Status::Agreed {
            time: t("2026-11-28T10:00")
        }
    );
    assert_eq!(
        agreed.reply(
            b,
            &Reply::Accept {
                note: String::new()
            }
        ),
        Err(PlanError::AlreadyAgreed)
    );
    // Either can move an agreed talk by proposing another time.
    let moved = agreed
        .reply(
            b,
            &Reply::Counter {
                time: t("2026-11-29T10:00"),
                note: String::new(),
            },
        )
        .expect("reschedule");
    assert!(matches!(moved, Status::Proposed { by, .. } if by == b));
}

#[test]
fn times_pauses_and_ratings_are_checked() {
    assert!(TalkTime::parse("tomorrow evening").is_err());
    assert_eq!(t("2026-11-27T19:30:00").as_value(), "2026-11-27T19:30");
    assert_eq!(
        t("2026-11-27T19:30").friendly(),
        "Friday 27 November, 19:30"
    );
    assert!(Pause::parse(19, 0).is_err());
    assert_eq!(
        Pause::parse(20, 100).expect("20 minutes").back_at(),
        100 + 1200
    );
    assert!(Scale::try_from(0).is_err() && Scale::try_from(6).is_err());
    let r: Result<TalkReflection, _> = serde_json::from_str(
        r#"{"felt_heard": 9, "stayed_calm": 3, "turned_into_fight": false, "about_past": true}"#,
    );
    assert!(r.is_err());
    assert!(Proposal::parse("", t("2026-11-27T19:30")).is_err());
    let note = Reply::Accept {
        note: "x".repeat(NOTE_MAX + 1),
    }
    .checked();
    assert!(note.is_err());
}
