//! Ids in paths: one parser, one message.

use kintsugi_domain::RecordId;

use crate::AppError;

/// Parses an id from a path; anything else is "not found", like an id that isn't there.
pub(crate) fn parse_id(id: &str) -> Result<RecordId, AppError> {
    uuid::Uuid::parse_str(id)
        .map(RecordId)
        .map_err(|_| AppError::NotFound("We couldn't find that."))
}
