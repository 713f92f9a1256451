//! How an agreement is shown, and what a person sends: the one schema the API, the pages and
//! an export share.

use kintsugi_domain::agreements::{Category, Terms};
use serde::{Deserialize, Serialize};

use super::Agreement;
use crate::{Actor, Stamp};

/// New terms: a proposal, or a change to one.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"category": "privacy", "agreement": "We each keep a journal of our own.", "acceptable": "Saying when something is private.", "not_acceptable": "Reading the other's journal.", "if_crossed": "We say so and talk it over.", "review_on": "2031-03-01"})))]
pub struct NewAgreement {
    /// `contact_with_others`, `privacy`, `betrayal`, `triggers_and_limits` or `other`.
    pub category: Category,
    /// The agreement, in your own words (1 to 1,000 characters).
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
    /// `proposed` (nothing in force yet), `in_force`, `changing` (in force, a change waiting)
    /// or `retired`.
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
        let review_due =
            s.retired_by.is_none() && in_force.is_some_and(|v| v.terms.review_on.as_str() <= today);
        let status = match (s.retired_by, s.in_force, s.pending) {
            (Some(_), _, _) => "retired",
            (None, Some(_), Some(_)) => "changing",
            (None, Some(_), None) => "in_force",
            (None, None, _) => "proposed",
        };
        let your_turn = !a.closed && s.pending.is_some_and(|(_, by)| by != actor.user);
        let summary = match (status, your_turn, &a.retired) {
            ("retired", _, Some((by, _, note))) if note.is_empty() => {
                format!(
                    "Retired by {}. It stays here as it was.",
                    who(*by).to_lowercase_first()
                )
            }
            ("retired", _, Some((by, _, note))) => format!(
                "Retired by {}: “{note}”. It stays here as it was.",
                who(*by).to_lowercase_first()
            ),
            ("proposed", true, _) => "Proposed to you. It's in force once you accept it.".into(),
            ("proposed", false, _) => {
                "Waiting for your partner's answer. Nothing is in force yet.".into()
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
            _ => "In force: you both agreed.".into(),
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
            current: current.unwrap_or_else(|| TermsView::from(&a.versions[0].terms)),
            current_withdrawn,
            versions: (1u32..)
                .zip(a.versions.iter())
                .map(|(number, v)| VersionView {
                    number,
                    withdrawn: v.withdrawn,
                    terms: TermsView::from(&v.terms),
                    proposed_by: who(v.by),
                    proposed_at: actor.stamp(v.at),
                    accepted_by: v.accepted.map(|(u, _)| who(u)),
                    accepted_at: v.accepted.map(|(_, t)| actor.stamp(t)),
                })
                .collect(),
            review_due,
            closed: a.closed,
            seen_by: a.seen_by.clone(),
            created_at: actor.stamp(a.created_at),
        }
    }

    /// How lists order it: to revisit, waiting for you, waiting, in force, retired; newest
    /// first within each.
    pub(super) fn order(&self) -> (u8, i64) {
        let group = match (self.status, self.review_due, self.your_turn) {
            (_, true, _) => 0,
            (_, _, true) => 1,
            ("proposed" | "changing", _, _) => 2,
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

    /// Whether it was retired.
    pub fn retired(&self) -> bool {
        self.status == "retired"
    }
}

trait LowerFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowerFirst for String {
    /// "You" → "you" inside a sentence; a name stays as it is.
    fn to_lowercase_first(&self) -> String {
        match self.as_str() {
            "You" => "you".into(),
            "Your former partner" => "your former partner".into(),
            _ => self.clone(),
        }
    }
}
