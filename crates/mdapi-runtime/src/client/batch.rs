//! JSON batching (`POST /$batch`): many requests in one round trip, at most
//! 20 per batch, answers matched back to the requests by id.

use serde_json::{json, Value};

use super::{decode_value, Client, Error, GraphError};

/// Graph's limit on requests in one batch.
pub const MAX_PER_BATCH: usize = 20;

/// One request of a batch.
#[derive(Debug, Clone)]
pub struct BatchRequest {
    /// Unique within the call; answers come back under it.
    pub id: String,
    /// The request's HTTP method (`method` in the batch's JSON).
    pub method: http::Method,
    /// The URL relative to the version root: `/users/a@b.com`.
    pub url: String,
    /// Header names and values, as sent (`headers`); a JSON body needs
    /// `Content-Type: application/json` among them (Graph's JSON batching
    /// requires it), which [`BatchRequest::from_request`] adds.
    pub headers: Vec<(String, String)>,
    /// The JSON body (`body`), inlined in the batch; `None` for none.
    pub body: Option<Value>,
    /// Ids this request must wait for (in the same batch; ids answered in an
    /// earlier batch are already done and are dropped).
    pub depends_on: Vec<String>,
}

impl BatchRequest {
    /// A batch entry for a request value (its JSON body, if any, inlined).
    pub fn from_request<R>(id: impl Into<String>, request: &crate::Request<R>) -> Result<Self, Error> {
        let body = match &request.body {
            Some(bytes) => Some(serde_json::from_slice(bytes).map_err(Error::Decode)?),
            None => None,
        };
        let method =
            http::Method::from_bytes(request.operation.method.as_bytes()).map_err(|e| Error::Build(e.to_string()))?;
        let mut headers: Vec<(String, String)> =
            request.headers.iter().map(|(n, v)| ((*n).to_owned(), v.clone())).collect();
        if body.is_some() && !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type")) {
            headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
        }
        Ok(Self { id: id.into(), method, url: request.path_and_query(), headers, body, depends_on: Vec::new() })
    }

    /// Runs after `id`.
    pub fn depends_on(mut self, id: impl Into<String>) -> Self {
        self.depends_on.push(id.into());
        self
    }
}

/// One answer of a batch.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchResponse {
    /// The id of the [`BatchRequest`] it answers.
    pub id: String,
    /// The answer's HTTP status code (`429` for a request throttled
    /// inside the batch); `0` when the batch's answer has no response with
    /// this id (`body` is then an `mdapi.batch.missing` Graph error).
    pub status: u16,
    /// The answer's headers, names and values as Graph wrote them (a value
    /// that is not a JSON string is `""`).
    pub headers: Vec<(String, String)>,
    /// The answer's `body` as Graph wrote it in the batch (`null` when it
    /// has none).
    pub body: Value,
}

impl BatchResponse {
    /// The body as `R` (`null` when it has none, so `()` reads an empty
    /// answer), or the Graph error it carries.
    ///
    /// With no request to carry a decoder, `R` decodes by its
    /// [`FromJson`](crate::FromJson), compiled in `R`'s crate
    /// (docs/sdk-cost.md).
    ///
    /// # Errors
    /// [`Error::Graph`] for an error status, [`Error::Decode`] when the
    /// body is not what `R` reads.
    pub fn json<R: crate::FromJson>(&self) -> Result<R, Error> {
        if !(200..300).contains(&self.status) {
            let status = http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
            let body = serde_json::to_vec(&self.body).unwrap_or_default();
            return Err(Error::Graph(Box::new(GraphError::from_response(status, &http::HeaderMap::new(), &body))));
        }
        // The body is already a `Value`: `R` reads it with no round trip
        // through text.
        R::from_json(self.body.clone()).map_err(Error::Decode)
    }
}

impl Client {
    /// Sends `requests` in batches of at most [`MAX_PER_BATCH`], in order;
    /// returns one answer per request, in the order given.
    pub async fn batch(&self, requests: Vec<BatchRequest>) -> Result<Vec<BatchResponse>, Error> {
        let mut answers: Vec<BatchResponse> = Vec::with_capacity(requests.len());
        for chunk in requests.chunks(MAX_PER_BATCH) {
            let in_chunk: Vec<&str> = chunk.iter().map(|r| r.id.as_str()).collect();
            let entries: Vec<Value> = chunk
                .iter()
                .map(|r| {
                    let mut entry = json!({ "id": r.id, "method": r.method.as_str(), "url": r.url });
                    if !r.headers.is_empty() {
                        entry["headers"] = r.headers.iter().map(|(n, v)| (n.clone(), json!(v))).collect();
                    }
                    if let Some(body) = &r.body {
                        entry["body"] = body.clone();
                    }
                    let depends: Vec<&String> =
                        r.depends_on.iter().filter(|d| in_chunk.contains(&d.as_str())).collect();
                    if !depends.is_empty() {
                        entry["dependsOn"] = json!(depends);
                    }
                    entry
                })
                .collect();
            let body = serde_json::to_vec(&json!({ "requests": entries })).map_err(Error::Decode)?;
            let request = http::Request::post(format!("{}/$batch", self.base_url))
                .header(http::header::CONTENT_TYPE, "application/json")
                .body(body)
                .map_err(|e| Error::Build(e.to_string()))?;
            let reply = decode_value(&self.execute(request).await?)?;
            let responses = reply["responses"].as_array().cloned().unwrap_or_default();
            for id in &in_chunk {
                let found = responses.iter().find(|r| r["id"].as_str() == Some(id));
                answers.push(match found {
                    Some(r) => BatchResponse {
                        id: (*id).to_owned(),
                        status: r["status"].as_u64().and_then(|s| u16::try_from(s).ok()).unwrap_or(0),
                        headers: r["headers"]
                            .as_object()
                            .map(|h| h.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned())).collect())
                            .unwrap_or_default(),
                        body: r.get("body").cloned().unwrap_or(Value::Null),
                    },
                    None => BatchResponse {
                        id: (*id).to_owned(),
                        status: 0,
                        headers: Vec::new(),
                        body: json!({ "error": { "code": "mdapi.batch.missing", "message": "the batch answer has no response with this id" } }),
                    },
                });
            }
        }
        Ok(answers)
    }
}
