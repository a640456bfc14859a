//! Long-running operations: a `202 Accepted` answer names a monitor
//! (`Location`, or `Operation-Location`); the poller asks it until the work
//! is done, waiting as `Retry-After` says (Graph's "long-running actions",
//! e.g. `driveItem: copy`, `team: clone`, rich long-running operations).

use std::time::Duration;

use futures_util::stream::{self, TryStreamExt};
use serde_json::Value;

use super::paging::BoxStream;
use super::{Client, Error};
use crate::Accepted;

/// How to poll: the wait when the monitor gives no `Retry-After`, and how
/// long to poll at most before giving up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollOptions {
    /// The wait between polls when no `Retry-After` says; 5 s by default.
    pub interval: Duration,
    /// Give up (with [`Error::Build`]) after polling this long; 10 min by
    /// default.
    pub timeout: Duration,
}

impl Default for PollOptions {
    fn default() -> Self {
        Self { interval: Duration::from_secs(5), timeout: Duration::from_secs(600) }
    }
}

/// What the monitor said on one poll.
#[derive(Debug, Clone, PartialEq)]
pub enum OperationStatus {
    /// Still working (a `202`, or a `status` of `notStarted`, `running`,
    /// `inProgress`, ...): the next poll comes after `retry_after`.
    Running {
        /// The body's `status`, as written.
        status: Option<String>,
        /// The body's `percentageComplete` (or `percentComplete`), 0–100.
        percent_complete: Option<f64>,
        /// The wait before the next poll: this answer's `Retry-After`
        /// (seconds or an HTTP date, RFC 9110, 10.2.3), else
        /// [`PollOptions::interval`].
        retry_after: Duration,
    },
    /// Done: the monitor's last answer (a status object, or the resource
    /// itself when the monitor redirected to it; `null` when empty) and
    /// where the result is (`resourceLocation`, else a `Location` header).
    Succeeded {
        /// The monitor's last answer as JSON (`null` when it had no body).
        body: Value,
        /// The body's `resourceLocation`, else the answer's `Location`
        /// header: the URL of the result, when the monitor gives one.
        resource_location: Option<String>,
    },
}

/// Status words that end the work, in Graph's and Azure's status enums
/// (`longRunningOperationStatus`, `teamsAsyncOperationStatus`), without case.
const SUCCEEDED: &[&str] = &["succeeded", "completed"];
const FAILED: &[&str] = &["failed", "canceled", "cancelled", "invalid"];

impl Client {
    /// Polls the monitor a `202 Accepted` answer names, as a stream of
    /// statuses: one per poll, the last one [`OperationStatus::Succeeded`].
    /// The first poll waits the answer's own `Retry-After`. A relative
    /// monitor (`/teams('1')/operations('2')`) is read against the client's
    /// base URL; the token goes only to Graph hosts.
    ///
    /// # Errors
    /// [`Error::Build`] when the answer names no monitor or polling takes
    /// longer than `options.timeout`; [`Error::Operation`] when the monitor
    /// says the work failed; else as [`Client::send`].
    pub fn poll(&self, accepted: &Accepted, options: PollOptions) -> BoxStream<'_, OperationStatus> {
        let monitor = accepted.operation_location.clone().or_else(|| accepted.location.clone());
        let first_wait = accepted.retry_after.unwrap_or(options.interval);
        let started = tokio::time::Instant::now();
        let state = monitor.map(|url| (self.absolute(&url), first_wait));
        Box::pin(stream::unfold(Some(state), move |state| async move {
            let Some((url, wait)) = state? else {
                let err = Error::Build("the 202 answer names no Location or Operation-Location to poll".to_owned());
                return Some((Err(err), None));
            };
            if started.elapsed() + wait > options.timeout {
                let err = Error::Build(format!("the operation was still running after {:?}", options.timeout));
                return Some((Err(err), None));
            }
            tokio::time::sleep(wait).await;
            match self.poll_once(&url, options.interval).await {
                Ok(status @ OperationStatus::Running { retry_after, .. }) => {
                    Some((Ok(status), Some(Some((url, retry_after)))))
                }
                Ok(done) => Some((Ok(done), None)),
                Err(err) => Some((Err(err), None)),
            }
        }))
    }

    /// Polls until the work is done and returns its last status's body and
    /// result location.
    ///
    /// # Errors
    /// As [`Client::poll`].
    pub async fn wait_done(&self, accepted: &Accepted, options: PollOptions) -> Result<OperationStatus, Error> {
        let mut statuses = self.poll(accepted, options);
        let mut last = None;
        while let Some(status) = statuses.try_next().await? {
            last = Some(status);
        }
        last.ok_or_else(|| Error::Build("the monitor gave no status".to_owned()))
    }

    async fn poll_once(&self, url: &str, interval: Duration) -> Result<OperationStatus, Error> {
        let request = http::Request::get(url).body(Vec::new()).map_err(|e| Error::Build(e.to_string()))?;
        let (code, headers, body) = self.execute_with_headers(request).await?;
        let json: Value =
            if body.is_empty() { Value::Null } else { serde_json::from_slice(&body).map_err(Error::Decode)? };
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let retry_after = header("retry-after")
            .and_then(|v| crate::response::retry_after(&v, std::time::SystemTime::now()))
            .unwrap_or(interval);
        let status = json.get("status").and_then(Value::as_str).map(str::to_owned);
        let word = status.as_deref().map(str::to_ascii_lowercase);
        if word.as_deref().is_some_and(|w| FAILED.contains(&w)) {
            return Err(Error::Operation(json));
        }
        let done = match &word {
            Some(w) => SUCCEEDED.contains(&w.as_str()),
            None => code != 202,
        };
        if !done {
            let percent = ["percentageComplete", "percentComplete"].iter().find_map(|k| json.get(*k)?.as_f64());
            return Ok(OperationStatus::Running { status, percent_complete: percent, retry_after });
        }
        let resource_location =
            json.get("resourceLocation").and_then(Value::as_str).map(str::to_owned).or_else(|| header("location"));
        Ok(OperationStatus::Succeeded { body: json, resource_location })
    }

    /// A monitor URL as the service wrote it, made absolute against the
    /// base URL when it is a path.
    fn absolute(&self, url: &str) -> String {
        if url.starts_with('/') {
            format!("{}{url}", self.base_url.trim_end_matches('/'))
        } else {
            url.to_owned()
        }
    }
}
