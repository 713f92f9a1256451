//! Long lists a page at a time, on the web: `?after=<cursor>&limit=<n>` asks for a page; the
//! API answers the page's items as a JSON array with the next page's address in a `Link`
//! header (`rel="next"`, absent on the last page); a page shows an "Older" link.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use kintsugi_app::records::{Listed, Page};
use serde::{Deserialize, Serialize};

use crate::{AppError, AppState};

/// Where a page starts and how many it holds, as a request asks.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct Paging {
    /// Where the page starts: the `after` of the previous page's `next` link.
    #[param(
        pattern = r"^[0-9]+_[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
    )]
    after: Option<String>,
    /// How many items (1 to 100; each list has its own default).
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
}

impl Paging {
    /// The page asked for, `default` items when the request names no limit.
    pub(crate) fn page(&self, default: u32) -> Result<Page, AppError> {
        Ok(Page::asked(self.after.as_deref(), self.limit, default)?)
    }
}

impl FromRequestParts<AppState> for Paging {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, AppError> {
        // Other names in the query (`done`, say) are other extractors' business.
        axum::extract::Query::<Paging>::try_from_uri(&parts.uri)
            .map(|q| q.0)
            .map_err(|_| {
                AppError::Invalid(kintsugi_domain::InvalidInput::Format {
                    field: kintsugi_domain::fields::LIMIT,
                    rule: "needs to be between 1 and 100.",
                })
            })
    }
}

/// A page of a list as the API answers it.
pub(crate) struct Paged<V> {
    /// The page.
    pub(crate) listed: Listed<V>,
    /// The list's own address (`/api/v1/triggers`), for the next page's link.
    pub(crate) path: &'static str,
    /// The page size asked for.
    pub(crate) size: u32,
}

impl<V: Serialize> IntoResponse for Paged<V> {
    fn into_response(self) -> Response {
        let mut res = axum::Json(self.listed.items).into_response();
        if let Some(next) = &self.listed.next {
            let link = format!(
                "<{}?after={next}&limit={}>; rel=\"next\"",
                self.path, self.size
            );
            if let Ok(v) = HeaderValue::from_str(&link) {
                res.headers_mut().insert(header::LINK, v);
            }
        }
        res
    }
}

/// The address of a page's "Older" link: the page itself, after the last item shown.
pub(crate) fn older(path: &str, next: Option<&str>) -> Option<String> {
    next.map(|n| format!("{path}?after={n}"))
}

/// An API list read a page at a time: its handler and its document in one line. The doc
/// comment is its summary; then its name, its address under `/api/v1`, an item's view, the
/// app's function that reads a page (actor, page), and how many a page holds unless asked.
macro_rules! paged_list {
    ($(#[doc = $doc:literal])+ $name:ident, $path:literal, $view:ty, $list:path, $size:expr) => {
        $(#[doc = $doc])+
        #[utoipa::path(get, path = $path, params($crate::kit::Paging),
            responses((status = 200, body = [$view],
                headers(("Link" = String, description = "The next page's address, rel=\"next\" (absent on the last page)")))))]
        async fn $name(
            $crate::kit::Act(actor): $crate::kit::Act,
            paging: $crate::kit::Paging,
        ) -> Result<$crate::kit::Paged<$view>, $crate::AppError> {
            let page = paging.page($size)?;
            Ok($crate::kit::Paged {
                listed: $list(&actor, page).await?,
                path: concat!("/api/v1", $path),
                size: page.size,
            })
        }
    };
}
pub(crate) use paged_list;
