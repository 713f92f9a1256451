//! The API's JSON body extractor.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};

use crate::AppError;

/// JSON body extractor whose rejections are the API's own clear errors.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        // Read whole here (within the body limit), so what it is can be looked at as well as
        // parsed: every body the API takes is a JSON object, and serde would otherwise read
        // a struct from a list (`[null, null]`).
        let (parts, body) = req.into_parts();
        let bytes = axum::body::to_bytes(body, crate::BODY_LIMIT_BYTES)
            .await
            .map_err(|_| AppError::TooLarge("The request is too large.".to_string()))?;
        let object = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
        let req = Request::from_parts(parts, axum::body::Body::from(bytes));
        match Json::<T>::from_request(req, state).await {
            Ok(Json(_)) if !object => Err(AppError::BadRequest(
                "The request body must be a JSON object.".to_string(),
            )),
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(AppError::WrongContentType),
            Err(JsonRejection::JsonDataError(e)) => Err(AppError::BadRequest(format!(
                "The request is missing a field or has one of the wrong type: {}",
                e.body_text()
                    .rsplit(": ")
                    .next()
                    .unwrap_or("check the fields")
            ))),
            Err(JsonRejection::BytesRejection(_)) => {
                Err(AppError::TooLarge("The request is too large.".to_string()))
            }
            Err(_) => Err(AppError::BadRequest(
                "The request body isn't valid JSON (it must also be valid UTF-8).".to_string(),
            )),
        }
    }
}

/// An optional body: none at all (no content type, nothing sent) is `None`; anything sent must be
/// valid, with the same clear errors.
impl<S, T> axum::extract::OptionalFromRequest<S> for ApiJson<T>
where
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Option<Self>, AppError> {
        let headers = req.headers();
        let empty = !headers.contains_key(axum::http::header::CONTENT_TYPE)
            && headers
                .get(axum::http::header::CONTENT_LENGTH)
                .is_none_or(|l| l.as_bytes() == b"0");
        if empty {
            return Ok(None);
        }
        <ApiJson<T> as FromRequest<S>>::from_request(req, state)
            .await
            .map(Some)
    }
}

/// A short text written to a partner: a question, an answer, a few words back.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"text": "Thank you for telling me."}))]
pub struct TextIn {
    /// The words (each kind of text has its own length; a refusal says which): something
    /// besides spaces, and no control characters but tabs and line breaks.
    #[schema(
        pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$"
    )]
    pub text: String,
}
