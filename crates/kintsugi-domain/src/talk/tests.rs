//! Talk's planning rules, as stories.

use super::*;

fn t(s: &str) -> TalkTime {
    TalkTime::parse_in(s, &Zone::utc()).expect("valid time")
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
fn a_time_is_an_instant_read_in_each_zone() {
    let paris = Zone::parse("Europe/Paris").expect("known");
    let chicago = Zone::parse("America/Chicago").expect("known");
    let now = t("2026-11-26T12:00").at();
    let time = TalkTime::parse_in("2026-11-27T19:30", &paris).expect("parses");
    assert_eq!(time.friendly_in(&paris, now), "Friday 27 November, 19:30");
    assert_eq!(time.friendly_in(&chicago, now), "Friday 27 November, 12:30");
    assert_eq!(time.value_in(&chicago), "2026-11-27T12:30");
    // Sealed as UTC; wall-clock times sealed before zones read as UTC.
    let sealed = serde_json::to_string(&time).expect("serializes");
    assert_eq!(sealed, "\"2026-11-27T18:30:00Z\"");
    let back: TalkTime = serde_json::from_str(&sealed).expect("reads");
    assert_eq!(back, time);
    let legacy: TalkTime = serde_json::from_str("\"2026-11-27T19:30\"").expect("reads");
    assert_eq!(legacy.value_in(&Zone::utc()), "2026-11-27T19:30");
}

#[test]
fn the_past_is_refused_but_now_is_now() {
    let now = t("2026-11-26T12:00").at() + 30;
    assert!(t("2026-11-26T12:00").upcoming(now).is_ok());
    assert!(t("2026-11-26T11:50").upcoming(now).is_ok());
    assert!(t("2026-11-26T11:40").upcoming(now).is_err());
    assert!(t("2025-11-26T12:00").upcoming(now).is_err());
    assert!(t("2026-11-26T12:00").has_come(now));
    assert!(!t("2026-11-26T12:01").has_come(now));
}

#[test]
fn times_pauses_and_ratings_are_checked() {
    let utc = Zone::utc();
    assert!(TalkTime::parse_in("tomorrow evening", &utc).is_err());
    assert_eq!(t("2026-11-27T19:30:41").value_in(&utc), "2026-11-27T19:30");
    let now = t("2026-11-26T12:00").at();
    assert_eq!(
        t("2026-11-27T19:30").friendly_in(&utc, now),
        "Friday 27 November, 19:30"
    );
    assert_eq!(
        t("2030-06-02T11:00").friendly_in(&utc, now),
        "Sunday 2 June 2030, 11:00"
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

#[test]
fn a_passed_time_cant_be_agreed_and_breaks_wait_for_the_talk() {
    let (a, b) = (UserId::new(), UserId::new());
    let proposed = Status::new(a, t("2026-11-27T19:30"));
    let accept = Reply::Accept {
        note: String::new(),
    };
    let before = t("2026-11-27T19:00").at();
    let long_after = t("2026-11-28T08:00").at();
    assert_eq!(
        proposed.reply_at(b, &accept, long_after),
        Err(PlanError::TimePassed)
    );
    let agreed = proposed
        .reply_at(b, &accept, before)
        .expect("agreed in time");
    assert_eq!(agreed.begun(before), Err(PlanError::NotYet));
    assert_eq!(agreed.begun(t("2026-11-27T19:30").at()), Ok(()));
    assert_eq!(proposed.begun(long_after), Err(PlanError::NotYet));
    // Replaying an agreement made in time keeps it, whenever it is read.
    assert!(proposed.reply(b, &accept).is_ok());
}
