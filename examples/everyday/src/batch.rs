//! `$batch`: several generated requests in one call.

use graph_v1_0::endpoints;
use graph_v1_0::models::{GroupUpdateRequestBody, User};
use graph_v1_0::runtime::client::{BatchRequest, Error};
use graph_v1_0::runtime::Field;
use serde_json::json;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, ResponseTemplate};

use crate::support::{ensure, hits, text, Context, Graph, Outcome, GROUP_ID};

/// Step 6: `POST /$batch` of three requests built by generated endpoints: a GET
/// with `$select`, a GET answered 404, a PATCH with a body (answered 204);
/// Graph answers in any order.
pub(crate) async fn batch(g: &Graph) -> Outcome {
    const MISSING: &str = "9f3a1c2e-0000-4000-8000-000000000404";
    let requests = vec![
        BatchRequest::from_request("1", &endpoints::get_me::request().context("build")?.select(&["displayName"]))
            .context("batch entry 1")?,
        BatchRequest::from_request("2", &endpoints::get_users_by_id::request(MISSING).context("build")?)
            .context("batch entry 2")?,
        BatchRequest::from_request(
            "3",
            &endpoints::patch_groups_by_id::request(
                GROUP_ID,
                &GroupUpdateRequestBody { visibility: Field::Value("Private".to_owned()), ..Default::default() },
            )
            .context("build")?,
        )
        .context("batch entry 3")?,
    ];
    let expected = json!({ "requests": [
        { "id": "1", "method": "GET", "url": "/me?$select=displayName" },
        { "id": "2", "method": "GET", "url": format!("/users/{MISSING}") },
        { "id": "3", "method": "PATCH", "url": format!("/groups/{GROUP_ID}"),
          "headers": { "Content-Type": "application/json" }, "body": { "visibility": "Private" } }
    ]});
    let guard = g
        .answer(
            Mock::given(method("POST")).and(path("/v1.0/$batch")).and(body_json(&expected)),
            ResponseTemplate::new(200).set_body_json(json!({ "responses": [
                { "id": "3", "status": 204, "headers": { "Cache-Control": "no-cache" } },
                { "id": "1", "status": 200, "headers": { "Content-Type": "application/json" },
                  "body": { "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(displayName)/$entity",
                            "displayName": "Megan Bowen" } },
                { "id": "2", "status": 404, "headers": { "Content-Type": "application/json" },
                  "body": { "error": {
                      "code": "Request_ResourceNotFound",
                      "message": format!("Resource '{MISSING}' does not exist or one of its queried reference-property objects are not present."),
                      "innerError": { "date": "2026-11-29T18:00:00", "request-id": "7d4a1a46-8ad3-4a3b-9ea5-4ff0b0b3f6a3",
                                      "client-request-id": "7d4a1a46-8ad3-4a3b-9ea5-4ff0b0b3f6a3" } } } }
            ]})),
        )
        .await;
    let answers = g.client.batch(requests).await.context("POST /$batch")?;
    hits(&guard, 1, "POST /$batch (the three entries checked)").await?;
    let ids: Vec<&str> = answers.iter().map(|a| a.id.as_str()).collect();
    ensure(ids == ["1", "2", "3"], || format!("answers in order {ids:?}"))?;
    let me: User = answers[0].json().context("answer 1")?;
    ensure(text(&me.display_name) == "Megan Bowen", || format!("answer 1 {:?}", me.display_name))?;
    match answers[1].json::<User>() {
        Err(Error::Graph(err)) if err.status == 404 && err.code == "Request_ResourceNotFound" => {}
        other => return Err(format!("answer 2 should be a 404 GraphError, got {other:?}")),
    }
    ensure(answers[2].status == 204, || format!("answer 3 status {}", answers[2].status))?;
    answers[2].json::<()>().context("answer 3")?;
    Ok("3 answers back in request order: 200 typed User, 404 typed GraphError, 204".to_owned())
}
