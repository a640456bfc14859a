//! Access tokens. A token is a secret: no `Debug`, `Display` or log line
//! ever shows it, and the header that carries it is marked sensitive so
//! `http`'s own `Debug` hides it too.

/// An OAuth bearer token for Graph.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    /// A token from its text: the `access_token` an OAuth 2.0 token
    /// endpoint returns (RFC 6749, 5.1), sent as `Bearer` (RFC 6750, 2.1).
    /// Not checked here: a token a header cannot hold makes
    /// [`AccessToken::authorization`] `None`.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The token itself, for code that must send it somewhere else.
    pub fn secret(&self) -> &str {
        &self.0
    }

    /// `Authorization: Bearer <token>`, marked sensitive; `None` when the
    /// token holds characters a header cannot.
    pub fn authorization(&self) -> Option<http::HeaderValue> {
        let mut value = http::HeaderValue::from_str(&format!("Bearer {}", self.0)).ok()?;
        value.set_sensitive(true);
        Some(value)
    }
}

impl std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

impl<R> crate::Request<R> {
    /// [`crate::Request::to_http`] with an `Authorization` header.
    pub fn to_http_with_token(
        &self,
        base_url: &str,
        token: &AccessToken,
    ) -> Result<http::Request<Vec<u8>>, http::Error> {
        let mut request = self.to_http(base_url)?;
        if let Some(value) = token.authorization() {
            request.headers_mut().insert(http::header::AUTHORIZATION, value);
        }
        Ok(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Operation, PathPart, Permissions};

    static GET_ME: Operation = Operation {
        id: "get_me",
        method: "GET",
        route: "/me",
        path: &[PathPart::Literal("/me")],
        permissions: Permissions::UNDOCUMENTED,
        source: ("api/user-get.md", 1),
    };

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let token = AccessToken::new("eyJ0eXAi.secret-part.signature");
        assert_eq!(format!("{token:?}"), "AccessToken(<redacted>)");
        let request = crate::Request::<()>::new(&GET_ME, &[]).unwrap();
        let http = request.to_http_with_token("https://graph.microsoft.com/v1.0", &token).unwrap();
        assert_eq!(
            http.headers()[http::header::AUTHORIZATION].to_str().unwrap(),
            "Bearer eyJ0eXAi.secret-part.signature"
        );
        for shown in [format!("{http:?}"), format!("{:?}", http.headers()), format!("{token:?}")] {
            assert!(!shown.contains("secret-part"), "{shown}");
        }
    }

    #[test]
    fn a_token_that_cannot_be_a_header_is_not_sent() {
        assert!(AccessToken::new("line\nbreak").authorization().is_none());
    }
}
