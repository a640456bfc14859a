//! Files: a large upload through an upload session.

use graph_v1_0::models::{
    DriveItem, DriveItemUploadableProperties, DriveitemCreateuploadsessionRequestBody, UploadSession,
};
use graph_v1_0::paths::Root;
use graph_v1_0::runtime::client::{UploadOptions, CHUNK_UNIT};
use graph_v1_0::runtime::Field;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::{ensure, hits, text, Context, Graph, Outcome};

/// Step 5: A 1 MiB upload: `createUploadSession` for a file addressed by
/// its path, `root:/{item-path}:` as the page's example writes it (the page's
/// HTTP request block lists only `items/{itemId}` routes; mdapi adopts the
/// example's route, `example-route-adopted`), with the body the page's
/// "Parameters" table documents; then the runtime's `upload` in four 320 KiB
/// chunks to the session's URL, on another host, with no token.
pub(crate) async fn upload(g: &Graph) -> Outcome {
    const ITEM_PATH: &str = "Documents/Q1 reports/largefile.dat";
    const SIZE: usize = 1024 * 1024;
    let upload_url = format!("{}/up/fe6987415ace7X4e1eF866337", g.storage.uri());
    let session = g
        .answer(
            Mock::given(method("POST"))
                .and(path("/v1.0/me/drive/root:/Documents/Q1%20reports/largefile.dat:/createUploadSession"))
                .and(body_json(json!({
                    "item": { "@microsoft.graph.conflictBehavior": "rename", "name": "largefile.dat" },
                    "deferCommit": false
                }))),
            ResponseTemplate::new(200).set_body_json(json!({
                "uploadUrl": upload_url,
                "expirationDateTime": "2015-01-29T09:21:55.523Z",
                "nextExpectedRanges": ["0-"]
            })),
        )
        .await;
    let mut chunks = Vec::new();
    let mut start = 0;
    while start < SIZE {
        let end = (start + CHUNK_UNIT).min(SIZE);
        let answer = if end == SIZE {
            ResponseTemplate::new(201).set_body_json(json!({
                "id": "912310013A123",
                "name": "largefile.dat",
                "size": SIZE,
                "file": {}
            }))
        } else {
            ResponseTemplate::new(202).set_body_json(json!({
                "expirationDateTime": "2015-01-29T09:21:55.523Z",
                "nextExpectedRanges": [format!("{end}-")]
            }))
        };
        let range = format!("bytes {start}-{}/{SIZE}", end - 1);
        chunks.push(
            Mock::given(method("PUT"))
                .and(path("/up/fe6987415ace7X4e1eF866337"))
                .and(header("content-range", range.as_str()))
                .respond_with(answer)
                .mount_as_scoped(&g.storage)
                .await,
        );
        start = end;
    }
    let mut item =
        DriveItemUploadableProperties { name: Field::Value("largefile.dat".to_owned()), ..Default::default() };
    item.additional_properties.insert("@microsoft.graph.conflictBehavior".to_owned(), json!("rename"));
    let body = DriveitemCreateuploadsessionRequestBody {
        item: Field::Value(Box::new(item)),
        defer_commit: Field::Value(false),
        ..Default::default()
    };
    let created: UploadSession = g
        .client
        .send(Root.me().drive().root().by_path(ITEM_PATH).create_upload_session().post(&body).context("build")?)
        .await
        .context("POST root:/{item-path}:/createUploadSession")?;
    hits(&session, 1, "createUploadSession").await?;
    let url = created.upload_url.value().ok_or("the session has no uploadUrl")?;
    let data: Vec<u8> = (0..SIZE).map(|i| u8::try_from(i * 31 % 251).unwrap_or(0)).collect();
    let options = UploadOptions { chunk_size: CHUNK_UNIT, ..UploadOptions::default() };
    let item: DriveItem = g.client.upload(url, &data, options).await.context("upload")?;
    let mut received = Vec::new();
    for (i, chunk) in chunks.iter().enumerate() {
        let requests = chunk.received_requests().await;
        ensure(requests.len() == 1, || format!("chunk {i}: {} requests", requests.len()))?;
        ensure(requests.iter().all(|r| !r.headers.contains_key("authorization")), || {
            format!("chunk {i} carried the token to the upload host")
        })?;
        received.extend(requests.iter().flat_map(|r| r.body.iter().copied()));
    }
    ensure(received == data, || format!("the chunks hold {} bytes, not the file's {SIZE}", received.len()))?;
    ensure(
        item.size.value().map(graph_v1_0::runtime::edm::Int64::get) == i64::try_from(SIZE).ok()
            && text(&item.name) == "largefile.dat",
        || format!("item {:?} {:?}", item.name, item.size),
    )?;
    Ok(format!("{SIZE} bytes in {} chunks, no token to the upload host, item {}", chunks.len(), text(&item.id)))
}
