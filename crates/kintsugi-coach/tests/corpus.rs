//! The coach on our own corpus of 3,228 sentences, written for it in varied voices, each batch
//! split once at random: 70% to tune on (`corpus_train.tsv`, 2,312), 30% never tuned on
//! (`corpus_validation.tsv`, 916), whose misses are only read to name a phenomenon, which then
//! gets new training sentences. Holdouts 1, 2 and 4 have been read and now also teach the second
//! reader; holdouts 3, 5 and 6 never print their misses. Run with `--nocapture` to see the
//! figures per label.

mod common;

const TRAIN: &str = include_str!("../data/corpus_train.tsv");
const VALIDATION: &str = include_str!("../data/corpus_validation.tsv");

#[test]
fn the_training_split_is_read_well() {
    let (tally, misses) = common::score(TRAIN);
    common::print("training", &tally);
    for m in &misses {
        println!("miss: {m}");
    }
    let (sens, spec, safety) = common::summary(&tally);
    assert!(
        sens >= 0.90 && spec >= 0.95 && safety >= 0.80,
        "{sens} {spec} {safety}"
    );
}

#[test]
fn the_validation_split_holds_up() {
    let (tally, misses) = common::score(VALIDATION);
    // Misses are printed only to name what the coach does not see yet (then new training
    // sentences are written for it); the rules are never tuned on these sentences.
    for m in &misses {
        println!("miss: {m}");
    }
    common::print("validation", &tally);
    let (sens, spec, safety) = common::summary(&tally);
    assert!(
        sens >= 0.90 && spec >= 0.95 && safety >= 0.80,
        "{sens} {spec} {safety}"
    );
}

/// A third set of 106 sentences, written after the rules of this round and scored once, never
/// tuned on: the honest estimate of how the coach reads sentences it has never seen (the
/// validation split's misses were read to name phenomena, so its figure is optimistic).
const HOLDOUT: &str = include_str!("../data/corpus_holdout.tsv");

#[test]
fn a_fresh_holdout_is_reported() {
    let (tally, misses) = common::score(HOLDOUT);
    common::print("holdout", &tally);
    for m in &misses {
        println!("miss: {m}");
    }
    let (_, spec, _) = common::summary(&tally);
    assert!(spec >= 0.90, "kind words are left alone: {spec}");
}

/// A second fresh set of 79 sentences, written after the last round of rules and scored once,
/// never tuned on (the first holdout's misses were read after its score, so it joined the
/// sentences that shaped the rules).
const HOLDOUT_2: &str = include_str!("../data/corpus_holdout2.tsv");

#[test]
fn a_second_fresh_holdout_is_reported() {
    let (tally, misses) = common::score(HOLDOUT_2);
    common::print("holdout 2", &tally);
    for m in &misses {
        println!("miss: {m}");
    }
    let (_, spec, _) = common::summary(&tally);
    assert!(spec >= 0.90, "kind words are left alone: {spec}");
}

/// A third fresh set of 107 sentences in the voices real arguments are written in (texting,
/// lower case, typographic quotes, capitals for emphasis), written before this round's rules and
/// scored before and after them; its misses are never printed, so it is never tuned on.
const HOLDOUT_3: &str = include_str!("../data/corpus_holdout3.tsv");

#[test]
fn a_third_fresh_holdout_is_reported() {
    common::holdout("holdout 3", HOLDOUT_3, 0.90);
}

/// A fourth fresh set of 79 sentences, written after the rules of this round and scored once
/// (sensitivity 0.84, specificity 0.88, safety 0.78); its misses were then read to name what
/// the coach missed (a reader threshold too eager, "even if it was a joke", an explanation
/// beside ownership), so it has joined the sentences that shaped the rules.
const HOLDOUT_4: &str = include_str!("../data/corpus_holdout4.tsv");

#[test]
fn a_fourth_fresh_holdout_is_reported() {
    common::holdout("holdout 4", HOLDOUT_4, 0.90);
}

/// A fifth fresh set of 79 sentences, written after the rules of this round and scored once
/// (sensitivity 0.80, specificity 1.00, safety 0.88). Its misses are never printed.
const HOLDOUT_5: &str = include_str!("../data/corpus_holdout5.tsv");

#[test]
fn a_fifth_fresh_holdout_is_reported() {
    common::holdout("holdout 5", HOLDOUT_5, 0.90);
}

/// A sixth fresh set of 171 sentences in the proportions of the outside set the issue describes
/// (94 harmful, 65 kind, 12 reports of harm), written after every rule of this session and scored
/// once (sensitivity 0.90, specificity 0.98, safety 0.83). Its misses are never printed.
const HOLDOUT_6: &str = include_str!("../data/corpus_holdout6.tsv");

#[test]
fn a_sixth_fresh_holdout_is_reported() {
    common::holdout("holdout 6", HOLDOUT_6, 0.90);
}

/// A seventh fresh set of 89 sentences, written at the start of the round that taught the coach
/// to read stories (before any of its rules), after reading public pages of survivors' accounts,
/// everyday texting and advice on messages after a fight; the pages read for the round's own
/// development probes were others. Scored before and after the round; its misses are never
/// printed, so it is never tuned on.
const HOLDOUT_7: &str = include_str!("../data/corpus_holdout7.tsv");

#[test]
fn a_seventh_fresh_holdout_is_reported() {
    common::holdout("holdout 7", HOLDOUT_7, 0.80);
}

/// Development probes for this round (`tests/data/outside_probes.tsv`), written in our own words
/// after reading public pages the seventh holdout was not written from: accounts of abuse told
/// as stories (violence inside longer clauses, everyday decisions taken over, basic needs and
/// money withheld, fear at home, surveillance, interrogation, silence as punishment, years of
/// put-downs, the person's own excuse for it) and kind texts that share words with harm (pet
/// names, violent idioms of praise, doubled punctuation, reassurance that names the mishap). Its
/// misses are printed: it is tuned on, so its figure is not an estimate.
const OUTSIDE_PROBES: &str = include_str!("data/outside_probes.tsv");

#[test]
fn the_outside_probes_are_read() {
    let (tally, misses) = common::score(OUTSIDE_PROBES);
    for m in &misses {
        println!("miss: {m}");
    }
    common::print("outside probes", &tally);
    let (sens, spec, safety) = common::summary(&tally);
    assert!(
        sens >= 0.85 && spec >= 0.85 && safety >= 0.90,
        "{sens} {spec} {safety}"
    );
}

/// An eighth fresh set of 99 sentences, written after every rule of the round that taught the
/// coach to read stories, from public pages read for it alone (advice columns, accounts of
/// control by rules and schedules, everyday texting; `data/CORPUS.md` lists them), and scored
/// once: the round's honest estimate. Its misses are never printed.
const HOLDOUT_8: &str = include_str!("../data/corpus_holdout8.tsv");

#[test]
fn an_eighth_fresh_holdout_is_reported() {
    common::holdout("holdout 8", HOLDOUT_8, 0.80);
}

/// A ninth fresh set of 96 sentences, written after the second story round from public pages
/// read for it alone (men's accounts of abuse by a wife or girlfriend, couples' everyday and
/// joking texts; `data/CORPUS.md` lists them), and scored once: the estimate for that round.
/// Its misses are never printed.
const HOLDOUT_9: &str = include_str!("../data/corpus_holdout9.tsv");

#[test]
fn a_ninth_fresh_holdout_is_reported() {
    common::holdout("holdout 9", HOLDOUT_9, 0.80);
}

/// A tenth fresh set of 88 sentences, written after the third round (the second reader's
/// reading of accounts of harm) from public pages read for it alone (accounts of abuse in
/// same-sex relationships, messages of support to a partner on a bad day; `data/CORPUS.md`
/// lists them), and scored once: the estimate for that round. Its misses are never printed.
const HOLDOUT_10: &str = include_str!("../data/corpus_holdout10.tsv");

#[test]
fn a_tenth_fresh_holdout_is_reported() {
    common::holdout("holdout 10", HOLDOUT_10, 0.80);
}

/// An eleventh fresh set of 88 sentences, written after the fourth round (threats read by their
/// shape, kind words with rough ones, accounts told through what harm made a person do) from
/// public pages read for it alone (accounts of abuse during pregnancy, lists of toxic texts and
/// of non-apologies, sweet texts to a spouse at work; `data/CORPUS.md` lists them), and scored
/// once: the estimate for that round. Its misses are never printed.
const HOLDOUT_11: &str = include_str!("../data/corpus_holdout11.tsv");

#[test]
fn an_eleventh_fresh_holdout_is_reported() {
    common::holdout("holdout 11", HOLDOUT_11, 0.80);
}

/// A twelfth fresh set of 88 sentences, written after the fifth development batch from public
/// pages read for it alone (couples who use insults as pet names, lists of what emotionally
/// abusive partners say, accounts of abuse in later life; `data/CORPUS.md` lists them), and
/// scored once: with holdout 11, the estimate for the current code. Its misses are never
/// printed. Its kind words are mostly rough banter, the hardest kind to leave alone.
const HOLDOUT_12: &str = include_str!("../data/corpus_holdout12.tsv");

#[test]
fn a_twelfth_fresh_holdout_is_reported() {
    common::holdout("holdout 12", HOLDOUT_12, 0.60);
}

/// A thirteenth fresh set of 88 sentences, written after the sixth development batch (love
/// said beside a rough name, money kept from a person) from public pages read for it alone
/// (what not to say in a fight, teenagers' accounts of dating abuse, a marriage's everyday
/// texts; `data/CORPUS.md` lists them), and scored once: the estimate for the current code.
/// Its misses are never printed.
const HOLDOUT_13: &str = include_str!("../data/corpus_holdout13.tsv");

#[test]
fn a_thirteenth_fresh_holdout_is_reported() {
    common::holdout("holdout 13", HOLDOUT_13, 0.80);
}

/// A fourteenth fresh set of 88 sentences, written after the seventh development batch (blows
/// told as an attempt or without a doer, figures of speech) from public pages read for it
/// alone (posts asking whether a partner is abusive, everyday texting; `data/CORPUS.md` lists
/// them), and scored once: the estimate for the code of its day. Its misses are never printed.
const HOLDOUT_14: &str = include_str!("../data/corpus_holdout14.tsv");

#[test]
fn a_fourteenth_fresh_holdout_is_reported() {
    common::holdout("holdout 14", HOLDOUT_14, 0.80);
}

/// A fifteenth fresh set of 88 sentences, written after the eighth and ninth development
/// batches (rage as a habit, a
/// temper that turns at anything) from public pages read for it alone (personal essays on
/// coercive control, good-morning texts, passive-aggressive texting, apologies for a forgotten
/// date; `data/CORPUS.md` lists them), and scored once on 4b737d1: the estimate for the code of
/// its day. Its misses are never printed.
const HOLDOUT_15: &str = include_str!("../data/corpus_holdout15.tsv");

#[test]
fn a_fifteenth_fresh_holdout_is_reported() {
    common::holdout("holdout 15", HOLDOUT_15, 0.80);
}

/// A sixteenth fresh set of 88 sentences, written after the tenth and eleventh development
/// batches (control without blows, gaslighting) from public pages read for it alone (survivors'
/// accounts of emotional abuse, boundary scripts, couples texting across a distance;
/// `data/CORPUS.md` lists them), and scored once on 089c843: the estimate for the code of its
/// day. Its misses are never printed.
const HOLDOUT_16: &str = include_str!("../data/corpus_holdout16.tsv");

#[test]
fn a_sixteenth_fresh_holdout_is_reported() {
    common::holdout("holdout 16", HOLDOUT_16, 0.80);
}

/// A seventeenth fresh set of 88 sentences, written after the report reading learned from the
/// development probes' accounts, from public pages read for it alone (stalking after a
/// separation, abuse through technology and money, abuse in later life and of men, everyday
/// shopping texts, criticism against complaint, the silent treatment; `data/CORPUS.md` lists
/// them), and scored once on 44c6ba7: the estimate for the current code. Its misses are never
/// printed.
const HOLDOUT_17: &str = include_str!("../data/corpus_holdout17.tsv");

#[test]
fn a_seventeenth_fresh_holdout_is_reported() {
    common::holdout("holdout 17", HOLDOUT_17, 0.80);
}
