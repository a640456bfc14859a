//! Large file upload through an upload session: chunks whose size is a
//! multiple of 320 KiB, resumed from what the session says it still
//! expects after a chunk fails.

use serde_json::Value;

use super::{decode_value, read, Client, Error};

/// Chunks must be multiples of this (Graph's rule for upload sessions).
pub const CHUNK_UNIT: usize = 320 * 1024;

/// How an upload goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadOptions {
    /// Bytes per chunk; rounded down to a multiple of [`CHUNK_UNIT`] (at least one).
    pub chunk_size: usize,
    /// Failed chunks retried (after asking the session where to resume) before giving up.
    pub max_chunk_retries: u32,
}

impl Default for UploadOptions {
    fn default() -> Self {
        Self { chunk_size: 10 * CHUNK_UNIT, max_chunk_retries: 3 }
    }
}

/// The first byte the session still expects: `nextExpectedRanges: ["327680-"]`.
fn next_expected(status: &Value) -> Option<usize> {
    let range = status["nextExpectedRanges"].as_array()?.first()?.as_str()?;
    range.split('-').next()?.trim().parse().ok()
}

impl Client {
    /// Uploads `data` to an upload session's `uploadUrl` (from
    /// `createUploadSession`) and returns the created item. The URL is
    /// pre-authorized: no token is sent to it.
    ///
    /// The item decodes as `R` by its [`FromJson`](crate::FromJson),
    /// compiled in `R`'s crate: with no request to carry a decoder, the
    /// caller's crate compiles no serde code for it (docs/sdk-cost.md); the
    /// upload itself is not generic.
    ///
    /// # Errors
    /// [`Error::Build`] when the URL is not one or the session expects no
    /// more bytes without having sent the item, [`Error::Decode`] when the
    /// item is not what `R` reads, and the last chunk's error after
    /// `options.max_chunk_retries` failed chunks.
    pub async fn upload<R: crate::FromJson>(
        &self,
        upload_url: &str,
        data: &[u8],
        options: UploadOptions,
    ) -> Result<R, Error> {
        let item = decode_value(&self.upload_chunks(upload_url, data, options).await?)?;
        R::from_json(item).map_err(Error::Decode)
    }

    /// The chunks of [`Client::upload`]; the body of the answer with the item.
    async fn upload_chunks(&self, upload_url: &str, data: &[u8], options: UploadOptions) -> Result<Vec<u8>, Error> {
        let chunk = (options.chunk_size / CHUNK_UNIT).max(1) * CHUNK_UNIT;
        let total = data.len();
        let mut start = 0;
        let mut failures = 0;
        loop {
            let end = (start + chunk).min(total);
            let request = http::Request::put(upload_url)
                .header(http::header::CONTENT_RANGE, format!("bytes {start}-{}/{total}", end.saturating_sub(1)))
                .header(http::header::CONTENT_LENGTH, end - start)
                .body(data.get(start..end).unwrap_or_default().to_vec())
                .map_err(|e| Error::Build(e.to_string()))?;
            match self.execute_without_token(request).await {
                Ok((status, body)) if status == 200 || status == 201 => return Ok(body),
                Ok((_, body)) => {
                    // 202 Accepted: the session says where to go on.
                    let status = decode_value(&body)?;
                    start = next_expected(&status).unwrap_or(end);
                }
                Err(err) => {
                    failures += 1;
                    if failures > options.max_chunk_retries {
                        return Err(err);
                    }
                    let query =
                        http::Request::get(upload_url).body(Vec::new()).map_err(|e| Error::Build(e.to_string()))?;
                    let (_, body) = self.execute_without_token(query).await?;
                    let status = decode_value(&body)?;
                    start = next_expected(&status).unwrap_or(start);
                }
            }
            if start >= total {
                return Err(Error::Build("the upload session expects no more bytes but sent no item".to_owned()));
            }
        }
    }

    /// One request, no token, no retries: status and body, or the error.
    async fn execute_without_token(&self, request: http::Request<Vec<u8>>) -> Result<(u16, Vec<u8>), Error> {
        let (parts, body) = request.into_parts();
        read(self.send_once(&parts, body, None).await?).await
    }
}
