//! Who a session is for: a browser or an app, named by browser and system from the user agent
//! (only the name is kept).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

/// Where a session will be used: a browser or an app, and what the person would call the
/// device ("Firefox on Linux"). Only that name is kept, never the user-agent string.
pub struct Client {
    /// `browser` or `api`.
    pub kind: &'static str,
    /// The device's name, or empty when the user agent says nothing recognisable.
    pub device: String,
}

impl Client {
    /// A client of `kind` whose request carried `user_agent`.
    pub fn new(kind: &'static str, user_agent: Option<&str>) -> Client {
        Client {
            kind,
            device: user_agent.map(device_name).unwrap_or_default(),
        }
    }
}

/// "Firefox on Linux", "Safari on iPhone", or empty (a parser made for the job: woothee).
pub fn device_name(user_agent: &str) -> String {
    let Some(ua) = woothee::parser::Parser::new().parse(user_agent) else {
        return String::new();
    };
    let known = |s: &str| !s.is_empty() && s != "UNKNOWN";
    let name: String = match (known(ua.name), known(ua.os)) {
        (true, true) => format!("{} on {}", ua.name, ua.os),
        (true, false) => ua.name.to_string(),
        (false, true) => ua.os.to_string(),
        (false, false) => String::new(),
    };
    name.chars().take(60).collect()
}

/// The request's User-Agent header, if any (never stored; see [`Client`]).
pub struct UserAgent(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for UserAgent {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ua = parts.headers.get(axum::http::header::USER_AGENT);
        Ok(UserAgent(
            ua.and_then(|h| h.to_str().ok()).map(str::to_string),
        ))
    }
}

#[cfg(test)]
mod device_tests {
    use super::device_name;

    #[test]
    fn devices_are_named_by_browser_and_system() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(device_name(firefox), "Firefox on Linux");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        assert_eq!(device_name(iphone), "Safari on iPhone");
        assert_eq!(device_name("something-unknown/1.0"), "");
        assert!(device_name(&"x".repeat(5000)).chars().count() <= 60);
    }
}
