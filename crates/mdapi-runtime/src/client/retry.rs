//! When to try again: Graph throttles with `429` and sheds load with `503`
//! and `504`, usually saying how long to wait in `Retry-After`.

use std::time::{Duration, SystemTime};

use crate::response::retry_after;

/// Retries of throttled or unavailable responses. The default is the
/// official Graph SDKs': 3 retries, waits of at most 180 s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times one request is sent again after a `429`, `503` or
    /// `504` (not counting the first try); `0` sends it once.
    pub max_retries: u32,
    /// Backoff when there is no `Retry-After`: `base * 2^attempt`, plus up to
    /// half of that again as jitter.
    pub base_delay: Duration,
    /// No single wait is longer.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self { max_retries: 3, base_delay: Duration::from_secs(3), max_delay: Duration::from_secs(180) }
    }
}

impl RetryPolicy {
    /// No retries.
    pub fn none() -> Self {
        Self { max_retries: 0, ..Self::default() }
    }

    /// How long to wait before retry number `attempt + 1`, or `None` when
    /// the response is final.
    pub fn wait(
        &self,
        attempt: u32,
        status: http::StatusCode,
        headers: &http::HeaderMap,
        now: SystemTime,
    ) -> Option<Duration> {
        let retryable = matches!(status.as_u16(), 429 | 503 | 504);
        if !retryable || attempt >= self.max_retries {
            return None;
        }
        let told =
            headers.get(http::header::RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(|v| retry_after(v, now));
        let wait = told.unwrap_or_else(|| {
            let exponential = self.base_delay.saturating_mul(2u32.saturating_pow(attempt));
            let jitter = exponential.mul_f64(fastrand::f64() * 0.5);
            exponential.saturating_add(jitter)
        });
        Some(wait.min(self.max_delay))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(retry_after: &str) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::RETRY_AFTER, retry_after.parse().unwrap());
        headers
    }

    #[test]
    fn retry_after_in_seconds_and_as_a_date() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:05 GMT", now), Some(Duration::from_secs(5)));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(retry_after("soon", now), None);
    }

    #[test]
    fn only_throttling_and_unavailability_retry_and_only_so_often() {
        let policy = RetryPolicy::default();
        let now = SystemTime::now();
        let throttled = http::StatusCode::TOO_MANY_REQUESTS;
        assert_eq!(policy.wait(0, throttled, &headers("2"), now), Some(Duration::from_secs(2)));
        assert_eq!(policy.wait(3, throttled, &headers("2"), now), None);
        assert_eq!(policy.wait(0, http::StatusCode::INTERNAL_SERVER_ERROR, &headers("2"), now), None);
        assert_eq!(policy.wait(0, throttled, &headers("100000"), now), Some(Duration::from_secs(180)));
        let backoff = policy.wait(2, http::StatusCode::SERVICE_UNAVAILABLE, &http::HeaderMap::new(), now).unwrap();
        assert!(backoff >= Duration::from_secs(12) && backoff <= Duration::from_secs(18), "{backoff:?}");
    }
}
