//! How an agreement is shown, and what a person sends: the one schema the API, the pages and
//! an export share.

use kintsugi_domain::agreements::{Category, Terms};
use serde::{Deserialize, Serialize};

use super::Agreement;
use crate::words::{capital, ended, in_sentence, said};
use crate::{Actor, Stamp};

/// New terms: a proposal, or a change to one.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"category": "privacy", "agreement": "We each keep a journal of our own.", "acceptable": "Saying when something is private.", "not_acceptable": "Reading the other's journal.", "if_crossed": "We say so and talk it over.", "review_on": "2031-03-01"})))]
pub struct NewAgreement {
    /// `contact_with_others`, `privacy`, `betrayal`, `triggers_and_limits` or `other`.
    pub category: Category,
    /// The agreement, in your own words (1 to 1,000 characters).
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub agreement: String,
    /// What is fine (optional, up to 1,000).
    #[serde(default)]
    pub acceptable: String,
    /// What is not (optional, up to 1,000).
    #[serde(default)]
    pub not_acceptable: String,
    /// What happens if it's crossed (optional, up to 1,000).
    #[serde(default)]
    pub if_crossed: String,
    /// When to look at it together again: `YYYY-MM-DD`, not in the past.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub review_on: String,
}

/// Yes to a version.
#[derive(Debug, Clone, Copy, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"version": 1})))]
pub struct Yes {
    /// The version you read and accept (its `number`).
    pub version: u32,
}

/// No to a version.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"version": 1, "note": "I'd rather we both offered to say where we are."})))]
pub struct No {
    /// The version you read and decline (its `number`).
    pub version: u32,
    /// A few words on why, or what you'd offer instead (optional, up to 500 characters).
    #[serde(default)]
    pub note: String,
}

/// Retiring an agreement.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"note": "We don't need it any more."})))]
pub struct NewRetirement {
    /// A few words (optional, up to 500 characters).
    #[serde(default)]
    pub note: String,
}

/// One version's terms, in words.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TermsView {
    /// The category.
    pub category: Category,
    /// The category, in words.
    pub category_label: &'static str,
    /// The agreement.
    pub agreement: String,
    /// What is fine.
    pub acceptable: String,
    /// What is not.
    pub not_acceptable: String,
    /// What happens if it's crossed.
    pub if_crossed: String,
    /// When to review it (`YYYY-MM-DD`).
    pub review_on: String,
    /// The same, in words ("1 March 2027").
    pub review_on_words: String,
}

impl From<&Terms> for TermsView {
    fn from(t: &Terms) -> TermsView {
        TermsView {
            category: t.category,
            category_label: t.category.label(),
            agreement: t.agreement.clone(),
            acceptable: t.acceptable.clone(),
            not_acceptable: t.not_acceptable.clone(),
            if_crossed: t.if_crossed.clone(),
            review_on: t.review_on.as_str().to_string(),
            review_on_words: t.review_on.friendly(),
        }
    }
}

/// One version, with who proposed and who accepted it, when.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionView {
    /// 1 for the first proposal, then one more per change.
    pub number: u32,
    /// Whether the one who proposed it withdrew their words (then its terms are empty; terms
    /// both accepted are never withdrawn).
    pub withdrawn: bool,
    /// Its terms.
    pub terms: TermsView,
    /// Who proposed it, in words ("You", "Sam").
    pub proposed_by: String,
    /// When.
    pub proposed_at: Stamp,
    /// Who accepted it, if anyone did.
    pub accepted_by: Option<String>,
    /// When.
    pub accepted_at: Option<Stamp>,
    /// Who declined it, if it was declined.
    pub declined_by: Option<String>,
    /// When.
    pub declined_at: Option<Stamp>,
    /// The few words that came with the no (empty when none).
    pub decline_note: String,
    /// The record of its answer, for the inbox's words.
    #[serde(skip)]
    pub(crate) answer_key: Option<kintsugi_domain::RecordId>,
}

/// An agreement as its reader sees it.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgreementView {
    /// Its id.
    pub id: String,
    /// The same, for the app's own use.
    #[serde(skip)]
    pub(crate) key: kintsugi_domain::RecordId,
    /// `proposed` (nothing in force yet), `declined` (the proposal was declined; nothing in
    /// force), `in_force`, `changing` (in force, a change waiting) or `retired` (when
    /// `in_force` is empty, it was set aside before it was ever in force).
    pub status: &'static str,
    /// Where it stands, in words.
    pub summary: String,
    /// Whether a version waits for your answer.
    pub your_turn: bool,
    /// The version in force, if any.
    pub in_force: Option<u32>,
    /// The version waiting for an answer, if any.
    pub pending: Option<u32>,
    /// The terms to read first: the waiting version if there is one, else the one in force.
    pub current: TermsView,
    /// Whether those terms' words were withdrawn by the one who proposed them.
    pub current_withdrawn: bool,
    /// While a change waits: the terms in force it would replace, to compare.
    pub in_force_terms: Option<TermsView>,
    /// While a change waits: the parts it changes (`agreement`, `acceptable`,
    /// `not_acceptable`, `if_crossed`, `review_on`, `category`).
    pub changed: Vec<&'static str>,
    /// The other person, by name.
    pub other: String,
    /// Every version, oldest first.
    pub versions: Vec<VersionView>,
    /// In force and past its review date: time to revisit it together.
    pub review_due: bool,
    /// Whether your couple has ended: a closed, read-only history.
    pub closed: bool,
    /// Who can read it now, in words.
    pub seen_by: crate::SeenBy,
    /// When it was first proposed.
    pub created_at: Stamp,
    /// The record that retired it, for the inbox's words.
    #[serde(skip)]
    retired_key: Option<kintsugi_domain::RecordId>,
}

/// The parts of two versions' terms that differ, by field name.
fn differences(was: &TermsView, now: &TermsView) -> Vec<&'static str> {
    let parts = [
        ("category", was.category != now.category),
        ("agreement", was.agreement != now.agreement),
        ("acceptable", was.acceptable != now.acceptable),
        ("not_acceptable", was.not_acceptable != now.not_acceptable),
        ("if_crossed", was.if_crossed != now.if_crossed),
        ("review_on", was.review_on != now.review_on),
    ];
    parts
        .into_iter()
        .filter(|(_, d)| *d)
        .map(|(f, _)| f)
        .collect()
}

impl AgreementView {
    pub(super) fn new(actor: &Actor, a: Agreement, today: &str) -> AgreementView {
        let who = |u: kintsugi_domain::UserId| match u == actor.user {
            true => "You".to_string(),
            false => a.other.clone(),
        };
        let s = a.standing;
        let shown = s.pending.map(|(v, _)| v).or(s.in_force).unwrap_or(1);
        let shown_version = a
            .versions
            .get(usize::try_from(shown).unwrap_or(1).saturating_sub(1));
        let current = shown_version.map(|v| TermsView::from(&v.terms));
        let current_withdrawn = shown_version.is_some_and(|v| v.withdrawn);
        let in_force = s
            .in_force
            .and_then(|v| a.versions.get(usize::try_from(v).ok()?.checked_sub(1)?));
        let in_force_terms = in_force
            .filter(|_| s.pending.is_some())
            .map(|v| TermsView::from(&v.terms));
        let review_due =
            s.retired_by.is_none() && in_force.is_some_and(|v| v.terms.review_on.as_str() <= today);
        let status = match (s.retired_by, s.in_force, s.pending) {
            (Some(_), _, _) => "retired",
            (None, Some(_), Some(_)) => "changing",
            (None, Some(_), None) => "in_force",
            (None, None, Some(_)) => "proposed",
            (None, None, None) => "declined",
        };
        let your_turn = !a.closed && s.pending.is_some_and(|(_, by)| by != actor.user);
        // The latest no, when it was to the latest version (then nothing newer waits).
        let latest_no = a
            .versions
            .last()
            .and_then(|v| v.answer.as_ref())
            .filter(|n| !n.yes);
        let other = &a.other;
        let summary = match (status, your_turn, &a.retired) {
            ("retired", _, Some((by, _, note, _))) => {
                let what = match s.in_force {
                    Some(_) => "Retired",
                    None => "Set aside before it was ever in force",
                };
                let by = in_sentence(&who(*by));
                format!("{} It stays here as it was.", ended(&format!("{what} by {by}{}", said(note))))
            }
            ("declined", _, _) => match latest_no {
                Some(n) if n.by == actor.user => format!(
                    "{} Nothing is in force; {other} can propose a change.",
                    ended(&format!("You declined it{}", said(&n.note)))
                ),
                Some(n) => format!(
                    "{} Nothing is in force. You can propose a change, or set it aside.",
                    ended(&format!("{other} declined it{}", said(&n.note)))
                ),
                None => "Nothing is in force.".into(),
            },
            ("proposed", true, _) => "Proposed to you. It's in force once you accept it. You can also decline it, or propose a change.".into(),
            ("proposed", false, _) => {
                format!("Waiting for {other}'s answer. Nothing is in force yet.")
            }
            ("changing", true, _) => {
                "A change is proposed to you; the version in force stands until you accept it."
                    .into()
            }
            ("changing", false, _) => {
                "You proposed a change; the version in force stands until it's accepted.".into()
            }
            _ if review_due => {
                "In force, and its review date has come: time to revisit it together.".into()
            }
            _ => match latest_no {
                Some(n) => format!(
                    "In force: you both agreed. {}",
                    ended(&format!(
                        "{} declined the latest change{}",
                        capital(&who(n.by)),
                        said(&n.note)
                    ))
                ),
                None => "In force: you both agreed.".into(),
            },
        };
        let summary = if a.closed {
            format!("Closed: your couple has ended, so this agreement stays as it was. {summary}")
        } else {
            summary
        };
        AgreementView {
            id: a.id.to_string(),
            key: a.id,
            status,
            summary,
            your_turn,
            in_force: s.in_force,
            pending: s.pending.map(|(v, _)| v),
            changed: match (&in_force_terms, &current) {
                (Some(was), Some(now)) => differences(was, now),
                _ => Vec::new(),
            },
            in_force_terms,
            current: current.unwrap_or_else(|| TermsView::from(&a.versions[0].terms)),
            current_withdrawn,
            other: a.other.clone(),
            versions: (1u32..)
                .zip(a.versions.iter())
                .map(|(number, v)| VersionView {
                    number,
                    withdrawn: v.withdrawn,
                    terms: TermsView::from(&v.terms),
                    proposed_by: who(v.by),
                    proposed_at: actor.stamp(v.at),
                    accepted_by: v.answer.as_ref().filter(|n| n.yes).map(|n| who(n.by)),
                    accepted_at: v
                        .answer
                        .as_ref()
                        .filter(|n| n.yes)
                        .map(|n| actor.stamp(n.at)),
                    declined_by: v.answer.as_ref().filter(|n| !n.yes).map(|n| who(n.by)),
                    declined_at: v
                        .answer
                        .as_ref()
                        .filter(|n| !n.yes)
                        .map(|n| actor.stamp(n.at)),
                    decline_note: v
                        .answer
                        .as_ref()
                        .map(|n| n.note.clone())
                        .unwrap_or_default(),
                    answer_key: v.answer.as_ref().map(|n| n.record),
                })
                .collect(),
            review_due,
            closed: a.closed,
            seen_by: a.seen_by.clone(),
            created_at: actor.stamp(a.created_at),
            retired_key: a.retired.as_ref().map(|r| r.3),
        }
    }

    /// What the other person did in record `step` (a yes, a no, a retirement), in words for
    /// the inbox; `None` when it isn't theirs or isn't an answer.
    pub(crate) fn news_of(&self, step: kintsugi_domain::RecordId) -> Option<String> {
        let other = &self.other;
        if self.retired_key == Some(step) {
            return Some(match self.in_force {
                Some(_) => format!("{other} retired the agreement"),
                None => format!("{other} set the proposal aside"),
            });
        }
        let v = self.versions.iter().find(|v| v.answer_key == Some(step))?;
        let change = v.number > 1;
        match (&v.accepted_by, &v.declined_by) {
            (Some(by), _) if by == other && change => {
                Some(format!("{other} accepted your change; it's in force"))
            }
            (Some(by), _) if by == other => {
                Some(format!("{other} accepted the agreement; it's in force"))
            }
            (_, Some(by)) if by == other && change => Some(format!("{other} declined your change")),
            (_, Some(by)) if by == other => Some(format!("{other} declined the agreement")),
            _ => None,
        }
    }

    /// How lists order it: to revisit, waiting for you, waiting, in force, retired; newest
    /// first within each.
    pub(super) fn order(&self) -> (u8, i64) {
        let group = match (self.status, self.review_due, self.your_turn) {
            (_, true, _) => 0,
            (_, _, true) => 1,
            ("proposed" | "changing" | "declined", _, _) => 2,
            ("in_force", _, _) => 3,
            _ => 4,
        };
        (group, -self.created_at.at)
    }

    /// Whether it holds anything for its reader: not a proposal whose words its author
    /// withdrew, never accepted and never answered by the reader.
    pub(crate) fn holds_anything(&self) -> bool {
        let all_gone = self.versions.iter().all(|v| v.withdrawn);
        let mine = self.versions.iter().any(|v| v.proposed_by == "You");
        !all_gone || mine || self.in_force.is_some()
    }

    /// Whether the waiting change changes `field`.
    pub fn changes(&self, field: &str) -> bool {
        self.changed.contains(&field)
    }

    /// Whether it was retired.
    pub fn retired(&self) -> bool {
        self.status == "retired"
    }
}
