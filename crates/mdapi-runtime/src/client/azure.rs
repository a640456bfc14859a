//! Microsoft's own Rust credentials as the client's token source, behind
//! the `azure` feature: any `azure_core::credentials::TokenCredential`
//! (`azure_identity`'s managed identity, workload identity, client secret,
//! certificate, Azure CLI, ...) is a [`TokenProvider`].

use std::sync::{Arc, Mutex};

use azure_core::credentials::TokenCredential;
use time::{Duration, OffsetDateTime};

use super::{Error, TokenProvider};
use crate::auth::AccessToken;

/// A token is refreshed this long before it expires, so a request never
/// leaves with a token that dies on the way (the Azure SDKs' own margin).
pub const REFRESH_MARGIN: Duration = Duration::minutes(5);

/// An `azure_core` credential, asked for tokens of one set of scopes
/// (Graph's `https://graph.microsoft.com/.default` unless told otherwise),
/// each cached until [`REFRESH_MARGIN`] before it expires.
pub struct AzureCredential {
    credential: Arc<dyn TokenCredential>,
    scopes: Vec<String>,
    cached: Mutex<Option<(AccessToken, OffsetDateTime)>>,
}

impl std::fmt::Debug for AzureCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AzureCredential").field("scopes", &self.scopes).finish_non_exhaustive()
    }
}

/// The scope of every Graph permission the app was granted, in the global cloud.
pub const GRAPH_DEFAULT_SCOPE: &str = "https://graph.microsoft.com/.default";

impl AzureCredential {
    /// Tokens for Graph in the global cloud (`https://graph.microsoft.com/.default`).
    pub fn new(credential: Arc<dyn TokenCredential>) -> Self {
        Self::with_scopes(credential, [GRAPH_DEFAULT_SCOPE])
    }

    /// Tokens for other scopes: a national cloud's
    /// `https://<host>/.default`, or delegated scopes (`User.Read`).
    pub fn with_scopes(
        credential: Arc<dyn TokenCredential>,
        scopes: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        Self { credential, scopes: scopes.into_iter().map(Into::into).collect(), cached: Mutex::new(None) }
    }

    fn fresh(&self) -> Option<AccessToken> {
        let cached = self.cached.lock().ok()?;
        let (token, expires_on) = cached.as_ref()?;
        (OffsetDateTime::now_utc() + REFRESH_MARGIN < *expires_on).then(|| token.clone())
    }
}

impl TokenProvider for AzureCredential {
    fn token(&self) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<AccessToken, Error>> + Send + '_>> {
        Box::pin(async move {
            if let Some(token) = self.fresh() {
                return Ok(token);
            }
            let scopes: Vec<&str> = self.scopes.iter().map(String::as_str).collect();
            let got = self.credential.get_token(&scopes, None).await.map_err(|e| Error::Auth(e.to_string()))?;
            let token = AccessToken::new(got.token.secret());
            if let Ok(mut cached) = self.cached.lock() {
                *cached = Some((token.clone(), got.expires_on));
            }
            Ok(token)
        })
    }
}
