//! Long lists a page at a time: a page starts after a cursor (the last item already shown:
//! when it was written and its id) and holds at most so many, newest first. What a page costs
//! depends on its size, never on how long the list has grown.

use kintsugi_domain::{InvalidInput, RecordId, fields};
use kintsugi_store::Window;
use serde::Serialize;

use super::{Assemble, Item, Record, open_all, with_threads};
use crate::{Actor, Error, Result};

/// The most items one page may hold.
pub const MOST: u32 = 100;

/// Where a page starts: after the item named by its cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    at: i64,
    id: RecordId,
}

impl Cursor {
    /// The cursor that continues after `item`.
    pub fn after<T>(item: &Item<T>) -> Cursor {
        Cursor {
            at: item.created_at,
            id: item.id,
        }
    }

    /// When the item it names was written.
    pub fn at(&self) -> i64 {
        self.at
    }

    /// Parses a cursor as a page's link gives it (`<seconds>_<id>`); anything else is refused.
    pub fn parse(s: &str) -> Result<Cursor> {
        let refused = || {
            Error::Invalid(InvalidInput::Format {
                field: fields::AFTER,
                rule: "isn't a place in this list. Go back to its first page.",
            })
        };
        let (at, id) = s.split_once('_').ok_or_else(refused)?;
        let at = at.parse::<i64>().map_err(|_| refused())?;
        let id = RecordId::parse(id).ok_or_else(refused)?;
        Ok(Cursor { at, id })
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}_{}", self.at, self.id.0)
    }
}

/// A page of a list: after which item, and how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// The last item already shown (none: the first page).
    pub after: Option<Cursor>,
    /// How many at most.
    pub size: u32,
}

impl Page {
    /// The first page of `size`.
    pub const fn first(size: u32) -> Page {
        Page { after: None, size }
    }

    /// A page as a request asks for it: after its cursor, with its size (at most [`MOST`],
    /// `default` when it names none; zero is refused).
    pub fn asked(after: Option<&str>, size: Option<u32>, default: u32) -> Result<Page> {
        let size = size.unwrap_or(default);
        if size == 0 || size > MOST {
            return Err(Error::Invalid(InvalidInput::Format {
                field: fields::LIMIT,
                rule: "needs to be between 1 and 100.",
            }));
        }
        let after = after
            .filter(|a| !a.is_empty())
            .map(Cursor::parse)
            .transpose()?;
        Ok(Page { after, size })
    }
}

/// A page of views, and where the next one starts (none: this was the last).
#[derive(Debug, Serialize)]
pub struct Listed<V> {
    /// The items, newest first.
    pub items: Vec<V>,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
}

/// One page of items of kind `T`, and the cursor after it when more follow: one query, for
/// one more than the page holds.
pub async fn page<T: Record>(actor: &Actor, page: Page) -> Result<(Vec<Item<T>>, Option<Cursor>)> {
    let window = Window {
        before: page.after.map(|c| (c.at, c.id)),
        since: None,
        limit: Some(page.size + 1),
    };
    let mut records = actor
        .store
        .records(&actor.viewer(), T::KIND.as_str(), window)
        .await?;
    let more = records.len() > page.size as usize;
    records.truncate(page.size as usize);
    let items = open_all(actor, &records).await?;
    // The cursor is the last record read, opened or not, so no page repeats or skips one.
    let next = records.last().filter(|_| more).map(|r| Cursor {
        at: r.created_at,
        id: r.id,
    });
    Ok((items, next))
}

/// One page of items of kind `T`, each with its thread, as `assemble` views them (two queries
/// however long the list).
pub async fn page_threaded<T: Record, V>(
    actor: &Actor,
    page: Page,
    assemble: Assemble<T, V>,
) -> Result<Listed<V>> {
    let (items, next) = self::page::<T>(actor, page).await?;
    Ok(Listed {
        items: with_threads(actor, items, assemble).await?,
        next: next.map(|c| c.to_string()),
    })
}

/// Every item of kind `T` written at or after `since`, newest first (a chart's weeks).
pub async fn since<T: Record>(actor: &Actor, since: i64) -> Result<Vec<Item<T>>> {
    let window = Window {
        since: Some(since),
        ..Window::ALL
    };
    let records = actor
        .store
        .records(&actor.viewer(), T::KIND.as_str(), window)
        .await?;
    open_all(actor, &records).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_and_nothing_else_passes_for_one() {
        let c = Cursor {
            at: 1_700_000_000,
            id: RecordId::new(),
        };
        assert_eq!(Cursor::parse(&c.to_string()).ok(), Some(c));
        for bad in [
            "",
            "12",
            "x_y",
            "12_not-a-uuid",
            "_",
            "1.5_00000000-0000-0000-0000-000000000000",
        ] {
            assert!(Cursor::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Page::asked(None, None, 20).ok(), Some(Page::first(20)));
        assert!(Page::asked(None, Some(0), 20).is_err());
        assert!(Page::asked(None, Some(101), 20).is_err());
        assert!(Page::asked(Some("nonsense"), None, 20).is_err());
    }
}
