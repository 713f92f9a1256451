//! The statements, written once for both backends.

use std::sync::Arc;

/// Which records a person may read, as a first filter in SQL: their own ([`own`]); and what was
/// shared in a couple they are or were in ([`shared_with`]). `authorize` then applies the one
/// rule to every row. `user` is the number of the placeholder that binds the person.
pub(crate) fn visible_to_viewer(user: usize) -> String {
    format!("({} OR {})", own(user), shared_with(user))
}

/// The person's own records.
fn own(user: usize) -> String {
    format!("author_id = ${user}")
}

/// What was shared in a couple the person is or was in (read fresh here, never taken from a
/// client's claim), once withdrawn only when a form with the author's words taken out was left
/// for them, and an answer revealed after both only once they gave theirs.
fn shared_with(user: usize) -> String {
    format!(
        "(visibility = 'shared' \
         AND (withdrawn_at IS NULL OR own_body IS NOT NULL) \
         AND couple_id IN (SELECT c.id FROM couples c WHERE c.user_a = ${user} OR c.user_b = ${user}) \
         AND (pair IS NULL OR {}))",
        answered(user)
    )
}

/// Whether the person wrote an answer of the same pair, in the same couple, as the record in
/// hand (`records`, unaliased).
fn answered(user: usize) -> String {
    format!(
        "EXISTS (SELECT 1 FROM records m WHERE m.author_id = ${user} \
         AND m.couple_id = records.couple_id AND m.pair = records.pair)"
    )
}

/// The columns a read of records gives: the table's, and whether the reader answered the
/// record's pair (what the rule checks again for every row).
fn record_columns(user: usize) -> String {
    format!(
        "records.*, CAST(CASE WHEN pair IS NOT NULL AND {} THEN 1 ELSE 0 END AS BIGINT) AS answered",
        answered(user)
    )
}

/// Every couple a person is or was in: what the rule checks shared records against.
pub(crate) const MEMBERSHIPS: &str = "SELECT id FROM couples WHERE user_a = $1 OR user_b = $1";

/// Every couple a person is or was in, with the other person, newest first.
pub(crate) const COUPLES_OF: &str = "SELECT c.id, c.created_at AS since, c.ended_at, \
     u.id AS partner, u.display_name AS partner_display_name \
     FROM couples c JOIN users u ON u.id = CASE WHEN c.user_a = $1 THEN c.user_b ELSE c.user_a END \
     WHERE c.user_a = $1 OR c.user_b = $1 ORDER BY c.created_at DESC";

pub(crate) const ACTIVE_COUPLE: &str = "SELECT c.id, c.created_at AS since, u.id AS partner, \
     u.display_name AS partner_display_name, u.time_zone AS partner_time_zone, k.key_wrap \
     FROM couples c \
     JOIN users u ON u.id = CASE WHEN c.user_a = $1 THEN c.user_b ELSE c.user_a END \
     JOIN couple_keys k ON k.couple_id = c.id AND k.user_id = $1 \
     WHERE (c.user_a = $1 OR c.user_b = $1) AND c.ended_at IS NULL";

pub(crate) const AUTHENTICATE: &str = "SELECT s.id AS s_id, s.user_id AS s_user_id, \
     s.token_hash AS s_token_hash, s.key_wrap AS s_key_wrap, s.client AS s_client, \
     s.device AS s_device, s.last_used_at AS s_last_used_at, \
     s.created_at AS s_created_at, s.expires_at AS s_expires_at, u.*, \
     c.id AS c_id, c.created_at AS c_since, p.id AS c_partner, p.display_name AS c_partner_name, \
     p.time_zone AS c_partner_zone, \
     k.key_wrap AS c_key_wrap \
     FROM sessions s JOIN users u ON u.id = s.user_id \
     LEFT JOIN couples c ON (c.user_a = u.id OR c.user_b = u.id) AND c.ended_at IS NULL \
     LEFT JOIN users p ON p.id = CASE WHEN c.user_a = u.id THEN c.user_b ELSE c.user_a END \
     LEFT JOIN couple_keys k ON k.couple_id = c.id AND k.user_id = u.id \
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled";

pub(crate) const IN_A_COUPLE: &str =
    "SELECT COUNT(*) FROM couples WHERE (user_a = $1 OR user_b = $1) AND ended_at IS NULL";

pub(crate) const USABLE_INVITE: &str =
    "SELECT * FROM invites WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2";

pub(crate) const INSERT_RECORD: &str = "INSERT INTO records (id, kind, author_id, couple_id, \
     visibility, body, parent_id, created_at, updated_at, version, pair) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10)";

/// A change applies only to the author's record at the version the writer read, and an answer
/// revealed after both only while the other has not given theirs (once they could read it, it
/// stays as they read it).
pub(crate) const UPDATE_RECORD: &str = "UPDATE records SET visibility = $3, couple_id = $4, \
     body = $5, updated_at = $6, version = version + 1 \
     WHERE id = $1 AND author_id = $2 AND version = $7 \
     AND (pair IS NULL OR NOT EXISTS (SELECT 1 FROM records m WHERE m.pair = records.pair \
     AND m.couple_id = records.couple_id AND m.author_id <> records.author_id))";

/// Statements built once per store: the visibility filter is written once, above, and the
/// ordering column depends on the backend.
pub(crate) struct Queries {
    pub(crate) one_record: Arc<str>,
    order: String,
}

/// How many parents one children query names at most (SQLite allows 32,766 placeholders).
pub(crate) const PARENTS_PER_QUERY: usize = 500;

impl Queries {
    pub(crate) fn new(order: &str) -> Queries {
        Queries {
            one_record: format!(
                "SELECT {} FROM records WHERE id = $1 AND {}",
                record_columns(2),
                visible_to_viewer(2)
            )
            .into(),
            order: order.to_string(),
        }
    }

    /// The column that gives insertion order.
    pub(crate) fn order(&self) -> &str {
        &self.order
    }

    /// The records of kind `$1` that `$2` may read, newest first, within `window`: its cursor
    /// bound as `$3` (time) and `$4` (id), then its `since`, then its limit, each when present.
    /// Within a second, newer is later inserted (the cursor's own position is read by its id).
    ///
    /// The person's own and what was shared with them are read as two ordered walks of their
    /// indexes (kind, author or couple, time), each stopping at the limit, and only the ids
    /// chosen are read whole: a page never sorts, or reads the bodies of, the whole past.
    pub(crate) fn list_records(&self, window: &crate::Window) -> String {
        let order = &self.order;
        let mut bounds = String::new();
        let mut next = 3;
        if window.before.is_some() {
            bounds.push_str(&format!(
                " AND (created_at < ${t} OR (created_at = ${t} AND {order} < \
                 (SELECT {order} FROM records WHERE id = ${id})))",
                t = next,
                id = next + 1
            ));
            next += 2;
        }
        if window.since.is_some() {
            bounds.push_str(&format!(" AND created_at >= ${next}"));
            next += 1;
        }
        let newest = format!(" ORDER BY created_at DESC, {order} DESC");
        let limit = match window.limit {
            Some(_) => format!(" LIMIT ${next}"),
            None => String::new(),
        };
        let walk = |name: &str, filter: String| {
            format!(
                "SELECT id, created_at, {order} AS place FROM \
                 (SELECT id, created_at, {order} FROM records \
                 WHERE kind = $1 AND {filter}{bounds}{newest}{limit}) AS {name}"
            )
        };
        let mine = walk("mine", own(2));
        let theirs = walk("theirs", format!("author_id <> $2 AND {}", shared_with(2)));
        format!(
            "SELECT {} FROM records WHERE id IN (SELECT id FROM ({mine} UNION ALL {theirs}) AS both_ \
             ORDER BY created_at DESC, place DESC{limit}){newest}",
            record_columns(2)
        )
    }

    /// The records among `ids` ids (bound from `$2` on) that `$1` may read.
    pub(crate) fn records_in(&self, ids: usize) -> String {
        let list: Vec<String> = (0..ids).map(|i| format!("${}", i + 2)).collect();
        format!(
            "SELECT {} FROM records WHERE id IN ({}) AND {}",
            record_columns(1),
            list.join(", "),
            visible_to_viewer(1)
        )
    }

    /// The children of `parents` parents (bound from `$2` on), in the order they were written;
    /// with `since`, only those created at or after the placeholder after the parents.
    pub(crate) fn child_records(&self, parents: usize, since: bool) -> String {
        let list: Vec<String> = (0..parents).map(|i| format!("${}", i + 2)).collect();
        let recent = match since {
            true => format!(" AND created_at >= ${}", parents + 2),
            false => String::new(),
        };
        format!(
            "SELECT {} FROM records WHERE parent_id IN ({}) AND {}{recent} ORDER BY {}",
            record_columns(1),
            list.join(", "),
            visible_to_viewer(1),
            self.order
        )
    }
}
