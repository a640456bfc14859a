//! An async client on reqwest (rustls), behind the `client` feature.
//!
//! It sends [`crate::Request`] values: adds the bearer token (only for the
//! configured Graph hosts), retries throttled and unavailable responses
//! ([`RetryPolicy`]), decodes JSON responses into the request's type and
//! Graph's error body into [`GraphError`], and follows `@odata.nextLink`
//! ([`Client::items`]), runs delta rounds that end with the [`DeltaLink`] to
//! resume from ([`Client::delta`]) and polls long-running operations'
//! monitors ([`Client::poll`]). [`Client::batch`] sends many requests as `$batch`es of
//! at most 20; [`Client::upload`] sends a large file through an upload
//! session in 320 KiB-multiple chunks, resuming after a failed one.

#[cfg(feature = "azure")]
mod azure;
mod batch;
mod error;
mod paging;
mod poll;
mod retry;
mod upload;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

#[cfg(feature = "azure")]
pub use azure::{AzureCredential, GRAPH_DEFAULT_SCOPE, REFRESH_MARGIN};
pub use batch::{BatchRequest, BatchResponse, MAX_PER_BATCH};
pub use error::{Error, GraphError};
/// The stream methods the client's streams are used with
/// (`items(..).try_next()`, `.try_collect()`), so no extra dependency is needed.
pub use futures_util::{StreamExt, TryStreamExt};
pub use paging::{BoxStream, DeltaEvent, DeltaLink, DeltaRound};
pub use poll::{OperationStatus, PollOptions};
pub use retry::RetryPolicy;
pub use upload::{UploadOptions, CHUNK_UNIT};

use crate::auth::AccessToken;

/// Where tokens come from. Called before each request, so an
/// implementation can refresh; the client never caches or logs a token.
pub trait TokenProvider: Send + Sync {
    /// A token valid for the next request.
    ///
    /// # Errors
    /// Whatever kept the provider from getting one (by convention
    /// [`Error::Auth`], as `AzureCredential` answers: the token endpoint
    /// refused, the network failed); the request is then not sent.
    fn token(&self) -> Pin<Box<dyn Future<Output = Result<AccessToken, Error>> + Send + '_>>;
}

/// A token fixed when the client is built (tests, short scripts).
impl TokenProvider for AccessToken {
    fn token(&self) -> Pin<Box<dyn Future<Output = Result<AccessToken, Error>> + Send + '_>> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

/// A Graph API version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// `v1.0`: the generally available API.
    V1,
    /// `beta`: APIs in preview, which may change.
    Beta,
}

impl Version {
    fn segment(self) -> &'static str {
        match self {
            Self::V1 => "v1.0",
            Self::Beta => "beta",
        }
    }
}

/// Graph's national clouds, each with its own host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cloud {
    /// The global service, `graph.microsoft.com`.
    Global,
    /// Microsoft Graph for US Government L4, `graph.microsoft.us`.
    UsGovernment,
    /// Microsoft Graph for US Government L5 (DOD), `dod-graph.microsoft.us`.
    UsGovernmentDod,
    /// Microsoft Graph China operated by 21Vianet,
    /// `microsoftgraph.chinacloudapi.cn`.
    China,
}

impl Cloud {
    /// The cloud's Graph host, as Graph's "National cloud deployments" page
    /// lists it (no scheme, no version).
    pub fn host(self) -> &'static str {
        match self {
            Self::Global => "graph.microsoft.com",
            Self::UsGovernment => "graph.microsoft.us",
            Self::UsGovernmentDod => "dod-graph.microsoft.us",
            Self::China => "microsoftgraph.chinacloudapi.cn",
        }
    }
}

/// A Graph client. Cheap to clone; clones share connections.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    /// Hosts (with port, if any) that get the `Authorization` header.
    token_hosts: Vec<String>,
    tokens: Arc<dyn TokenProvider>,
    retry: RetryPolicy,
    /// A per-call override of the builder's timeout ([`Client::with_timeout`]).
    call_timeout: Option<Duration>,
    user_agent: http::HeaderValue,
}

/// The `User-Agent` sent with every request: the runtime and its version
/// (Graph's guidance: name the client so the service can tell callers apart).
pub const USER_AGENT: &str = concat!("mdapi-runtime/", env!("CARGO_PKG_VERSION"));

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("token_hosts", &self.token_hosts)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`].
pub struct ClientBuilder {
    base_url: String,
    tokens: Arc<dyn TokenProvider>,
    retry: RetryPolicy,
    timeout: Duration,
    user_agent: http::HeaderValue,
}

impl ClientBuilder {
    /// A national cloud and version: `https://<host>/<version>`.
    pub fn cloud(mut self, cloud: Cloud, version: Version) -> Self {
        self.base_url = format!("https://{}/{}", cloud.host(), version.segment());
        self
    }

    /// Any base URL (a proxy, a mock server); its host gets the token.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into().trim_end_matches('/').to_owned();
        self
    }

    /// How throttled (`429`) and unavailable (`503`, `504`) answers are
    /// retried; [`RetryPolicy::default`] unless set.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The time one attempt may take, from connecting to the last byte.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The application's name and version, sent before the runtime's in
    /// `User-Agent` (`contoso-sync/2.1 mdapi-runtime/0.1.0`).
    ///
    /// # Errors
    /// [`Error::Build`] when `product` is not a valid header value.
    pub fn user_agent(mut self, product: &str) -> Result<Self, Error> {
        let value = format!("{product} {USER_AGENT}");
        self.user_agent = http::HeaderValue::from_str(&value).map_err(|e| Error::Build(e.to_string()))?;
        Ok(self)
    }

    /// The client; the base URL's host is the one that gets the token.
    ///
    /// # Errors
    /// [`Error::Http`] when reqwest cannot set up its HTTP client (its TLS
    /// backend or DNS resolver fails to initialize).
    pub fn build(self) -> Result<Client, Error> {
        let http = reqwest::Client::builder().timeout(self.timeout).build().map_err(Error::Http)?;
        let token_hosts = host_of(&self.base_url).into_iter().collect();
        Ok(Client {
            http,
            base_url: self.base_url,
            token_hosts,
            tokens: self.tokens,
            retry: self.retry,
            call_timeout: None,
            user_agent: self.user_agent,
        })
    }
}

/// `host[:port]` of an absolute URL.
fn host_of(url: &str) -> Option<String> {
    let uri: http::Uri = url.parse().ok()?;
    let authority = uri.authority()?;
    Some(authority.as_str().rsplit('@').next().unwrap_or_default().to_ascii_lowercase())
}

impl Client {
    /// A builder for the global cloud's v1.0 endpoint.
    pub fn builder(tokens: impl TokenProvider + 'static) -> ClientBuilder {
        ClientBuilder {
            base_url: format!("https://{}/{}", Cloud::Global.host(), Version::V1.segment()),
            tokens: Arc::new(tokens),
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(100),
            user_agent: http::HeaderValue::from_static(USER_AGENT),
        }
    }

    /// The URL routes are appended to, without a trailing `/`
    /// (`https://graph.microsoft.com/v1.0`).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// This client with another time limit per attempt, for the calls made
    /// through it: `client.with_timeout(Duration::from_secs(5)).send(req)`.
    /// Connections are shared with `self`.
    pub fn with_timeout(&self, timeout: Duration) -> Self {
        Self { call_timeout: Some(timeout), ..self.clone() }
    }

    /// This client with another retry policy, for the calls made through
    /// it (`RetryPolicy::none()` for a call that must not repeat).
    pub fn with_retry(&self, retry: RetryPolicy) -> Self {
        Self { retry, ..self.clone() }
    }

    /// Sends a request and makes its answer into `R` with the request's
    /// decoder ([`Request::decoder`](crate::Request::decoder)): for a
    /// request made by [`Request::new`](crate::Request::new), `R`'s
    /// [`FromResponse`](crate::FromResponse): a JSON body decoded (`()` for
    /// an empty body, as for `204 No Content`), or for a `202 Accepted`
    /// operation an [`Accepted`](crate::Accepted) holding the `Location`
    /// monitor URL to poll.
    ///
    /// Generic only over that `fn` pointer: `R`'s decoding was compiled
    /// where the request was built (a generated endpoint's `request(..)`,
    /// in the SDK crate), not in the crate calling `send`.
    ///
    /// # Errors
    /// [`Error::Graph`] for an error status (after retries), [`Error::Decode`]
    /// when the body is not what `R` reads, [`Error::Http`], [`Error::Build`]
    /// and [`Error::Auth`] as their names say.
    pub async fn send<R>(&self, request: crate::Request<R>) -> Result<R, Error> {
        let decode = request.decoder();
        let (status, headers, body) = self.send_parts(request.to_http(&self.base_url), request.operation.id).await?;
        decode(status, &headers, &body).map_err(Error::Decode)
    }

    /// The part of [`Client::send`] that is the same for every response
    /// type, so its future is compiled once, here.
    async fn send_parts(
        &self,
        http: Result<http::Request<Vec<u8>>, http::Error>,
        operation: &'static str,
    ) -> Result<(u16, http::HeaderMap, Vec<u8>), Error> {
        let http = http.map_err(|e| Error::Build(e.to_string()))?;
        self.execute_traced(http, operation).await
    }

    /// Sends a request and returns the response body as bytes (`$value`
    /// downloads, reports).
    pub async fn send_bytes<R>(&self, request: crate::Request<R>) -> Result<Vec<u8>, Error> {
        let http = request.to_http(&self.base_url).map_err(|e| Error::Build(e.to_string()))?;
        self.execute_traced(http, request.operation.id).await.map(|(_, _, body)| body)
    }

    /// Sends any `http::Request` with retries; the bearer token is added only
    /// when the URL's host is a Graph host this client was built for.
    pub async fn execute(&self, request: http::Request<Vec<u8>>) -> Result<Vec<u8>, Error> {
        self.execute_with_headers(request).await.map(|(_, _, body)| body)
    }

    /// [`Client::execute`], keeping the successful answer's status and
    /// headers (a `202`'s `Location`).
    pub async fn execute_with_headers(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<(u16, http::HeaderMap, Vec<u8>), Error> {
        self.execute_traced(request, "").await
    }

    /// Sends with retries inside a `graph.request` span: the operation id,
    /// method, path (no query, which may hold user data), the
    /// `client-request-id`, then the status and the number of retries.
    /// Tokens and bodies are never recorded.
    async fn execute_traced(
        &self,
        request: http::Request<Vec<u8>>,
        operation: &str,
    ) -> Result<(u16, http::HeaderMap, Vec<u8>), Error> {
        use tracing::Instrument;
        let (mut parts, body) = request.into_parts();
        // One id for the call and its retries, so support can follow it.
        let id = match parts.headers.get("client-request-id") {
            Some(given) => given.clone(),
            None => {
                let id = uuid::Builder::from_random_bytes(fastrand::u128(..).to_le_bytes()).into_uuid();
                let value = http::HeaderValue::from_str(&id.to_string()).map_err(|e| Error::Build(e.to_string()))?;
                parts.headers.insert("client-request-id", value.clone());
                value
            }
        };
        let span = tracing::info_span!(
            "graph.request",
            operation,
            method = %parts.method,
            path = parts.uri.path(),
            client_request_id = id.to_str().unwrap_or_default(),
            status = tracing::field::Empty,
            retries = tracing::field::Empty,
        );
        self.execute_parts(parts, body, &span).instrument(span.clone()).await
    }

    async fn execute_parts(
        &self,
        parts: http::request::Parts,
        body: Vec<u8>,
        span: &tracing::Span,
    ) -> Result<(u16, http::HeaderMap, Vec<u8>), Error> {
        let send_token = host_of(&parts.uri.to_string()).is_some_and(|h| self.token_hosts.contains(&h));
        let mut attempt = 0;
        loop {
            let token = if send_token { self.tokens.token().await?.authorization() } else { None };
            let response = self.send_once(&parts, body.clone(), token).await?;
            let status = response.status();
            if let Some(wait) = self.retry.wait(attempt, status, response.headers(), std::time::SystemTime::now()) {
                attempt += 1;
                tracing::debug!(status = status.as_u16(), wait_ms = wait.as_millis() as u64, "retrying");
                tokio::time::sleep(wait).await;
                continue;
            }
            span.record("status", status.as_u16());
            span.record("retries", attempt);
            let headers = response.headers().clone();
            return read(response).await.map(|(status, bytes)| (status, headers, bytes));
        }
    }

    /// One attempt: the request as given, plus the `Authorization` header
    /// when there is a token to send.
    pub(crate) async fn send_once(
        &self,
        parts: &http::request::Parts,
        body: Vec<u8>,
        token: Option<http::HeaderValue>,
    ) -> Result<reqwest::Response, Error> {
        let mut builder = self.http.request(parts.method.clone(), parts.uri.to_string()).body(body);
        builder = builder.header(http::header::USER_AGENT, self.user_agent.clone());
        if let Some(timeout) = self.call_timeout {
            builder = builder.timeout(timeout);
        }
        for (name, value) in &parts.headers {
            builder = builder.header(name, value);
        }
        if let Some(token) = token {
            builder = builder.header(http::header::AUTHORIZATION, token);
        }
        builder.send().await.map_err(Error::Http)
    }
}

/// A response's status and body, or the Graph error it carries.
pub(crate) async fn read(response: reqwest::Response) -> Result<(u16, Vec<u8>), Error> {
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.map_err(Error::Http)?.to_vec();
    if status.is_success() {
        Ok((status.as_u16(), bytes))
    } else {
        Err(Error::Graph(Box::new(GraphError::from_response(status, &headers, &bytes))))
    }
}

/// A JSON body as an untyped `Value` (an empty one as `null`).
fn decode_value(body: &[u8]) -> Result<serde_json::Value, Error> {
    crate::response::json_value(body).map_err(Error::Decode)
}
