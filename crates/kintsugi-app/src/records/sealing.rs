//! Sealing and opening: each body carries the version of its format, is sealed with the
//! author's data key (private) or the couple key (shared), and is bound to its record (id,
//! kind, owner), so a ciphertext moved to another record doesn't open.

use kintsugi_domain::{CoupleId, RecordId, UserId, Visibility};
use kintsugi_vault::{Binding, Key, purpose};
use serde::{Deserialize, Serialize};

use super::{Item, Record};
use crate::{Actor, Error, Result};

#[derive(Serialize)]
struct SealedOut<'a, T> {
    v: u32,
    body: &'a T,
}

#[derive(Deserialize)]
struct SealedIn<T> {
    v: u32,
    body: T,
}

pub(super) fn encode<T: Record>(body: &T) -> Result<String> {
    serde_json::to_string(&SealedOut {
        v: T::VERSION,
        body,
    })
    .map_err(|e| {
        tracing::error!(error = %e, kind = T::KIND.as_str(), "a record body could not be encoded");
        Error::Internal
    })
}

pub(super) fn decode<T: Record>(json: &str) -> Option<T> {
    match serde_json::from_str::<SealedIn<T>>(json) {
        Ok(sealed) if sealed.v <= T::VERSION => Some(sealed.body),
        // Written by a newer version of Kintsugi: don't guess.
        Ok(_) => None,
        // Sealed before bodies carried a version.
        Err(_) => serde_json::from_str::<T>(json).ok(),
    }
}

fn binding<'a>(id: &'a RecordId, kind: &'a str, author: &'a UserId) -> Binding<'a> {
    Binding {
        record_id: id.0.as_bytes(),
        kind,
        owner: author.0.as_bytes(),
    }
}

/// The couple keys opened for one read or write, so a list opens each once.
pub(super) struct Keys<'a> {
    actor: &'a Actor,
    couples: Vec<(CoupleId, Option<Key>)>,
}

impl<'a> Keys<'a> {
    pub(super) fn new(actor: &'a Actor) -> Keys<'a> {
        Keys {
            actor,
            couples: Vec::new(),
        }
    }

    /// Opens the keys of these couples (each at most once; one the actor no longer has is
    /// remembered as missing).
    /// (A `Vec`, not an iterator: an iterator of closures held across an await makes the future
    /// unsendable.)
    pub(super) async fn open(&mut self, couples: Vec<CoupleId>) -> Result<()> {
        for couple in couples {
            if self.couples.iter().any(|(c, _)| *c == couple) {
                continue;
            }
            let wrap = match &self.actor.couple {
                Some(active) if active.id == couple => Some(active.key_wrap.clone()),
                _ => {
                    self.actor
                        .store
                        .couple_key_wrap(self.actor.user, couple)
                        .await?
                }
            };
            let key = wrap.and_then(|w| self.actor.data_key().unwrap_key(&w, purpose::COUPLE).ok());
            self.couples.push((couple, key));
        }
        Ok(())
    }

    /// The key for a record, if it was opened.
    pub(super) fn get(&self, visibility: Visibility, couple: Option<CoupleId>) -> Option<&Key> {
        match (visibility, couple) {
            (Visibility::Private, _) => Some(self.actor.data_key()),
            (Visibility::Shared, None) => None,
            (Visibility::Shared, Some(c)) => self
                .couples
                .iter()
                .find(|(x, _)| *x == c)
                .and_then(|(_, k)| k.as_ref()),
        }
    }

    /// A record's sealed form as JSON text: for its author, their own copy of a withdrawn
    /// record (sealed with their data key); otherwise its body.
    pub(super) fn open_raw(&self, r: &kintsugi_store::Record) -> Option<String> {
        let bound = binding(&r.id, &r.kind, &r.author);
        match &r.own_body {
            Some(own) if r.author == self.actor.user => {
                kintsugi_vault::open(self.actor.data_key(), &bound, own).ok()
            }
            _ => {
                let key = self.get(r.visibility, r.couple)?;
                kintsugi_vault::open(key, &bound, &r.body).ok()
            }
        }
    }

    /// Opens one record as `T`, or counts it as unopenable.
    pub(super) fn item<T: Record>(&self, r: &kintsugi_store::Record) -> Option<Item<T>> {
        let json = self.open_raw(r);
        let body = json.as_deref().and_then(decode::<T>);
        let Some(body) = body else {
            // Counted, and said once when the actor's work is done (one line, not one per record).
            self.actor.note_unopened(T::KIND.as_str());
            return None;
        };
        if r.author != self.actor.user {
            let words = json.map(|j| T::KIND.words_in(&j)).unwrap_or_default();
            self.actor.note_received(words);
        }
        Some(Item {
            id: r.id,
            mine: r.author == self.actor.user,
            author: r.author,
            visibility: r.visibility,
            parent: r.parent,
            created_at: r.created_at,
            updated_at: r.updated_at,
            version: r.version,
            couple: r.couple,
            withdrawn: r.withdrawn_at.is_some(),
            body,
        })
    }
}

/// Seals `json` for record `r`: with the couple key it was shared with, or, for the author's own
/// copy, with their data key.
pub(super) fn seal_raw(
    keys: &Keys<'_>,
    r: &kintsugi_store::Record,
    json: &str,
    own: bool,
) -> Option<Vec<u8>> {
    let key = match own {
        true => keys.actor.data_key(),
        false => keys.get(r.visibility, r.couple)?,
    };
    Some(kintsugi_vault::seal(
        key,
        &binding(&r.id, &r.kind, &r.author),
        json,
    ))
}

pub(super) async fn seal<T: Record>(
    actor: &Actor,
    id: RecordId,
    visibility: Visibility,
    couple: Option<CoupleId>,
    body: &T,
) -> Result<Vec<u8>> {
    let mut keys = Keys::new(actor);
    if visibility == Visibility::Shared {
        keys.open(couple.into_iter().collect()).await?;
    }
    let key = keys.get(visibility, couple).ok_or(Error::Internal)?;
    let bound = binding(&id, T::KIND.as_str(), &actor.user);
    Ok(kintsugi_vault::seal(key, &bound, &encode(body)?))
}

#[cfg(test)]
mod tests {
    use super::super::RecordKind;
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Note {
        text: String,
    }

    impl Record for Note {
        const KIND: RecordKind = RecordKind::named("note", &["text"]);
    }

    #[test]
    fn bodies_carry_a_version_and_old_bodies_still_open() {
        let note = Note {
            text: "hello".into(),
        };
        let json = encode(&note).expect("encodes");
        assert_eq!(json, r#"{"v":1,"body":{"text":"hello"}}"#);
        assert_eq!(decode::<Note>(&json), Some(note));
        assert_eq!(
            decode::<Note>(r#"{"text":"from before versions"}"#),
            Some(Note {
                text: "from before versions".into()
            })
        );
        assert_eq!(decode::<Note>(r#"{"v":9,"body":{"text":"future"}}"#), None);
    }
}
