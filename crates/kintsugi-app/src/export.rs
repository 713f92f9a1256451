//! Your data, yours to take: everything a person wrote and everything shared with them that the
//! one authorization rule still lets them read, every kind the registry names (so a new step
//! cannot be forgotten), as a versioned document. Never a partner's private items or an answer
//! not yet revealed (the store's rule decides what is read); never the safety check unless the
//! person asks for their own on purpose. Names no step.

use serde::Serialize;

use crate::steps::STEPS;
use crate::{Actor, Result, Stamp, now};

/// The schema's name and version: a reader checks it before anything else.
pub const SCHEMA: &str = "kintsugi-export/1";

/// A person's export.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Export {
    /// `kintsugi-export/1`.
    pub schema: &'static str,
    /// When it was made, on the person's clock.
    pub exported_at: Stamp,
    /// The person.
    pub account: ExportAccount,
    /// Every couple they are or were in.
    pub couples: Vec<ExportCouple>,
    /// Every kind the program stores, in the program's order, with how many of it are here.
    pub kinds: Vec<ExportKind>,
    /// The records, kind by kind in that order, newest first within a kind.
    pub records: Vec<ExportRecord>,
    /// The safety check the person chose to keep, only when they asked for it here.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub safety_check: Option<serde_json::Value>,
}

/// Who the export is for.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportAccount {
    /// Their username.
    pub username: String,
    /// Their display name.
    pub display_name: String,
    /// Their time zone (IANA).
    pub time_zone: String,
}

/// A couple the person is or was in.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportCouple {
    /// Its id (records name it).
    pub id: String,
    /// The other person's display name.
    pub partner: String,
    /// Whether it still is.
    pub active: bool,
}

/// One kind of record, where it belongs, and how many the export holds.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportKind {
    /// Its stored name (`reflection`, `talk`…).
    pub kind: &'static str,
    /// The step it belongs to (1–10).
    pub step: u8,
    /// That step's name in addresses (`roots`, `talk`…).
    pub step_slug: &'static str,
    /// How many records of it are here.
    pub count: usize,
}

/// One record.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportRecord {
    /// Its id.
    pub id: String,
    /// Its kind (see `kinds`).
    pub kind: &'static str,
    /// Whether the person wrote it.
    pub mine: bool,
    /// Who wrote it ("You" or the other person's name).
    pub written_by: String,
    /// `private` or `shared`.
    pub visibility: &'static str,
    /// The couple it was shared in, if any (see `couples`).
    pub couple: Option<String>,
    /// The record it answers, if any.
    pub answers: Option<String>,
    /// When it was written.
    pub created_at: Stamp,
    /// When it last changed.
    pub updated_at: Stamp,
    /// Whether its author withdrew their words from the couple (then the other's copy holds
    /// only the facts both made).
    pub withdrawn: bool,
    /// The version of its body's format (see each step's documentation; 0 for bodies from
    /// before versions).
    pub body_version: u64,
    /// Its content, as the step keeps it; `null` for one that couldn't be opened (sealed with
    /// a key that is gone, as after a reset).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub body: Option<serde_json::Value>,
}

/// The actor's export. `username` is theirs; `safety` is the kept safety check, given only when
/// they asked for it.
pub async fn export(
    actor: &Actor,
    username: &str,
    safety: Option<serde_json::Value>,
) -> Result<Export> {
    let couples = actor.store.couples_of(actor.user).await?;
    // Names of the other person in every couple, for records from one that ended.
    actor.know_couples().await?;
    let mut kinds = Vec::new();
    let mut records = Vec::new();
    for step in STEPS {
        for kind in step.kinds {
            let raw = crate::records::raw(actor, kind.as_str()).await?;
            kinds.push(ExportKind {
                kind: kind.as_str(),
                step: step.number,
                step_slug: step.slug,
                count: raw.len(),
            });
            for (r, json) in raw {
                let mine = r.author == actor.user;
                let (body_version, body) = match json {
                    Some(serde_json::Value::Object(mut o)) if o.contains_key("v") => (
                        o.get("v").and_then(serde_json::Value::as_u64).unwrap_or(0),
                        o.remove("body"),
                    ),
                    other => (0, other),
                };
                records.push(ExportRecord {
                    id: r.id.to_string(),
                    kind: kind.as_str(),
                    mine,
                    written_by: match mine {
                        true => "You".into(),
                        false => actor.partner_in(r.couple),
                    },
                    visibility: r.visibility.as_str(),
                    couple: r.couple.map(|c| c.0.to_string()),
                    answers: r.parent.map(|p| p.to_string()),
                    created_at: actor.stamp(r.created_at),
                    updated_at: actor.stamp(r.updated_at),
                    withdrawn: r.withdrawn_at.is_some(),
                    body_version,
                    body,
                });
            }
        }
    }
    Ok(Export {
        schema: SCHEMA,
        exported_at: actor.stamp(now()),
        account: ExportAccount {
            username: username.to_string(),
            display_name: actor.display_name.clone(),
            time_zone: actor.zone.name().to_string(),
        },
        couples: couples
            .iter()
            .map(|c| ExportCouple {
                id: c.id.0.to_string(),
                partner: c.partner_display_name.clone(),
                active: c.ended_at.is_none(),
            })
            .collect(),
        kinds,
        records,
        safety_check: safety,
    })
}

/// The safety check kept in a person's locker, as export gives it when they ask for it.
pub fn kept_safety_check(actor: &Actor, locker: Option<&[u8]>) -> Option<serde_json::Value> {
    let l = crate::locker::open(actor.data_key(), actor.user, locker);
    l.safety.and_then(|(check, at)| {
        let at = actor.stamp(at).rfc3339();
        serde_json::to_value(check)
            .ok()
            .map(|c| serde_json::json!({"kept_at": at, "check": c}))
    })
}
