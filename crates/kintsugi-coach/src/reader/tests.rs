//! The second reader's thresholds, each chosen by five-fold cross-validation on its pool.
use super::learn::{ACCOUNTS, POOL};
use super::*;
use crate::lexicon::Lexicon;

/// Five-fold cross-validation on the pool and the further accounts: each fifth is read by a
/// reader learned from the other four; `each` sees every line so read, with that reader.
fn held_out(mut each: impl FnMut(&Lexicon, &Reader, &str, &str)) {
    let lex = Lexicon::new();
    let lines: Vec<&str> = POOL.iter().flat_map(|t| t.lines().skip(1)).collect();
    let accounts: Vec<&str> = ACCOUNTS.lines().collect();
    for fold in 0..5 {
        let learned = lines.iter().enumerate().filter(|(i, _)| i % 5 != fold);
        let more = accounts.iter().enumerate().filter(|(i, _)| i % 5 != fold);
        let reader = Reader::learn(&lex, learned.map(|(_, l)| *l), more.map(|(_, l)| *l));
        for line in lines.iter().skip(fold).step_by(5) {
            let mut cols = line.splitn(3, '\t');
            if let (Some(_), Some(label), Some(text)) = (cols.next(), cols.next(), cols.next()) {
                each(&lex, &reader, label, text);
            }
        }
        for text in accounts.iter().skip(fold).step_by(5) {
            each(&lex, &reader, "victim_report", text);
        }
    }
}

/// Five-fold cross-validation of the report reading: how many accounts of harm it reads,
/// and how often it mistakes kind words or harsh messages for one, per threshold.
#[test]
fn the_report_threshold_is_cross_validated() {
    // (log-odds, is an account, is kind)
    let mut scored: Vec<(f32, bool, bool)> = Vec::new();
    held_out(|lex, reader, label, text| {
        let harmful = HARMFUL.iter().any(|(l, _)| *l == label);
        let kind = LEAVE_ALONE[..5].contains(&label);
        let sentences = lex.tokenize(text);
        // Only texts that tell of someone are weighed as accounts (`Coach::story_told`).
        if !crate::stories::told(lex.classes(&crate::stories::TOLD), &sentences) {
            return;
        }
        if harmful || kind || label == "victim_report" {
            let (odds, _) = reader.report_odds(&sentences, &mut Vec::new());
            scored.push((odds, label == "victim_report", kind));
        }
    });
    let rates = |threshold: f32| {
        let (mut hit, mut accounts, mut kind_alarm, mut kinds, mut harsh_alarm, mut harsh) =
            (0, 0, 0, 0, 0, 0);
        for (odds, account, kind) in &scored {
            let over = usize::from(*odds > threshold);
            if *account {
                (hit, accounts) = (hit + over, accounts + 1);
            } else if *kind {
                (kind_alarm, kinds) = (kind_alarm + over, kinds + 1);
            } else {
                (harsh_alarm, harsh) = (harsh_alarm + over, harsh + 1);
            }
        }
        (
            hit as f32 / accounts as f32,
            kind_alarm as f32 / kinds as f32,
            harsh_alarm as f32 / harsh as f32,
        )
    };
    for step in 0..=20 {
        let t = step as f32 * 2.0;
        let (read, kind, harsh) = rates(t);
        println!(
            "report threshold {t:>4}: accounts read {read:.2}, kind words {kind:.3}, harsh \
             messages {harsh:.3}"
        );
    }
    let (_, kind, harsh) = rates(REPORT_THRESHOLD);
    assert!(kind == 0.0 && harsh == 0.0, "{kind} {harsh}");
    let (_, kind, _) = rates(REPORT_THRESHOLD - 2.0);
    assert!(kind > 0.0, "the lowest such threshold");
}

/// The harm reading's threshold: prints sensitivity and specificity per threshold (with
/// `--nocapture`) and holds the chosen one to leaving kind words alone at least 95 times in
/// 100.
#[test]
fn the_threshold_is_cross_validated_for_specificity() {
    let mut scored: Vec<(f32, bool)> = Vec::new();
    held_out(|lex, reader, label, text| {
        let harmful = HARMFUL.iter().any(|(l, _)| *l == label);
        if harmful || LEAVE_ALONE[..5].contains(&label) {
            let sentences = lex.tokenize(text);
            let over = reader.weigh(&sentences, &mut Vec::new()) - reader.bar(text, &sentences);
            scored.push((over + THRESHOLD, harmful));
        }
    });
    let rates = |threshold: f32| {
        let (mut tp, mut p, mut tn, mut n) = (0, 0, 0, 0);
        for (w, harmful) in &scored {
            if *harmful {
                p += 1;
                tp += usize::from(*w > threshold);
            } else {
                n += 1;
                tn += usize::from(*w <= threshold);
            }
        }
        (tp as f32 / p as f32, tn as f32 / n as f32)
    };
    for step in 0..=30 {
        let t = step as f32 * 0.5;
        let (sens, spec) = rates(t);
        println!("threshold {t:>4}: sensitivity {sens:.2}, specificity {spec:.2}");
    }
    let (_, spec) = rates(THRESHOLD);
    assert!(spec >= 0.95, "{spec}");
}
