//! Groups: create one and PATCH it with a null, and list its members of
//! several types.

use graph_v1_0::endpoints;
use graph_v1_0::models::{AnyDirectoryObject, Group, GroupUpdateRequestBody};
use graph_v1_0::paths::Root;
use graph_v1_0::runtime::client::TryStreamExt;
use graph_v1_0::runtime::Field;
use serde_json::json;
use wiremock::matchers::{body_json, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

use crate::support::{ensure, hits, text, Context, Graph, Outcome, ADELE, ALEX, GROUP_ID};

/// Step 4: `POST /groups` (group-post-groups.md), then `PATCH /groups/{id}` with
/// `description` cleared (`Field::Null` sent as `null`) and only the
/// properties set sent.
pub(crate) async fn create_and_patch_group(g: &Graph) -> Outcome {
    let create_body = json!({
        "description": "Self help community for library",
        "displayName": "Library Assist",
        "groupTypes": ["Unified"],
        "mailEnabled": true,
        "mailNickname": "library",
        "securityEnabled": false
    });
    let created = g
        .answer(
            Mock::given(method("POST")).and(path("/v1.0/groups")).and(body_json(&create_body)),
            ResponseTemplate::new(201).set_body_json(json!({
                "id": GROUP_ID,
                "deletedDateTime": null,
                "classification": null,
                "createdDateTime": "2018-12-22T00:51:37Z",
                "creationOptions": [],
                "description": "Self help community for library",
                "displayName": "Library Assist",
                "groupTypes": ["Unified"],
                "mail": "library7423@contoso.com",
                "mailEnabled": true,
                "mailNickname": "library",
                "onPremisesLastSyncDateTime": null,
                "onPremisesSecurityIdentifier": null,
                "onPremisesSyncEnabled": null,
                "preferredDataLocation": "CAN",
                "proxyAddresses": ["SMTP:library7423@contoso.com"],
                "renewedDateTime": "2018-12-22T00:51:37Z",
                "resourceBehaviorOptions": [],
                "resourceProvisioningOptions": [],
                "securityEnabled": false,
                "visibility": "Public",
                "onPremisesProvisioningErrors": []
            })),
        )
        .await;
    let body = endpoints::post_groups::Body {
        display_name: "Library Assist".to_owned(),
        mail_enabled: true,
        mail_nickname: "library".to_owned(),
        security_enabled: false,
        rest: Group {
            description: Field::Value("Self help community for library".to_owned()),
            group_types: Field::Value(vec!["Unified".to_owned()]),
            ..Group::default()
        },
    };
    let group: Group = g.client.send(Root.groups().post(&body).context("build")?).await.context("POST /groups")?;
    hits(&created, 1, "POST /groups (JSON body checked)").await?;
    ensure(text(&group.id) == GROUP_ID, || format!("id {:?}", group.id))?;
    ensure(group.deleted_date_time.is_null() && group.created_date_time.value().is_some(), || {
        format!("deletedDateTime {:?}, createdDateTime {:?}", group.deleted_date_time, group.created_date_time)
    })?;

    // Exactly these two keys: `description` as null, nothing absent sent.
    let patch_body = json!({ "description": null, "displayName": "Library Assist (archived)" });
    let patched = g
        .answer(
            Mock::given(method("PATCH")).and(path(format!("/v1.0/groups/{GROUP_ID}"))).and(body_json(&patch_body)),
            ResponseTemplate::new(204),
        )
        .await;
    let patch = GroupUpdateRequestBody {
        description: Field::Null,
        display_name: Field::Value("Library Assist (archived)".to_owned()),
        ..GroupUpdateRequestBody::default()
    };
    let id = text(&group.id);
    let () =
        g.client.send(Root.groups().by_id(id).patch(&patch).context("build")?).await.context("PATCH /groups/{id}")?;
    hits(&patched, 1, "PATCH /groups/{id} (JSON body checked)").await?;
    let sent = patched.received_requests().await;
    let wire = sent.first().map(|r| String::from_utf8_lossy(&r.body).into_owned()).unwrap_or_default();
    ensure(wire.contains("\"description\":null") && !wire.contains("visibility"), || format!("PATCH body {wire}"))?;
    Ok(format!("created {id}; PATCH sent {wire} and got 204"))
}

/// Step 8: `GET /groups/{id}/members` (group-list-members.md): users and groups
/// in one collection over two pages, each decoded by its `@odata.type`.
pub(crate) async fn members(g: &Graph) -> Outcome {
    let first = g
        .answer(
            Mock::given(method("GET"))
                .and(path(format!("/v1.0/groups/{GROUP_ID}/members")))
                .and(query_param_is_missing("$skiptoken")),
            ResponseTemplate::new(200).set_body_json(json!({
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#directoryObjects",
                "value": [
                    { "@odata.type": "#microsoft.graph.user", "id": ADELE, "displayName": "Adele Vance",
                      "jobTitle": "Retail Manager", "mail": "AdeleV@contoso.com", "userPrincipalName": "AdeleV@contoso.com" },
                    { "@odata.type": "#microsoft.graph.group", "id": "02bd9fd6-8f93-4758-87c3-1fb73740a315",
                      "displayName": "HR Taskforce", "groupTypes": ["Unified"], "mailEnabled": true, "securityEnabled": false }
                ],
                "@odata.nextLink": format!("{}/groups/{GROUP_ID}/members?$skiptoken=M2", g.base())
            })),
        )
        .await;
    let second = g
        .answer(
            Mock::given(method("GET"))
                .and(path(format!("/v1.0/groups/{GROUP_ID}/members")))
                .and(query_param("$skiptoken", "M2")),
            ResponseTemplate::new(200).set_body_json(json!({
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#directoryObjects",
                "value": [
                    { "@odata.type": "#microsoft.graph.user", "id": ALEX, "displayName": "Alex Wilber",
                      "jobTitle": "Marketing Assistant", "mail": "AlexW@contoso.com" }
                ]
            })),
        )
        .await;
    let members: Vec<AnyDirectoryObject> = g
        .client
        .items(Root.groups().by_id(GROUP_ID).members().get().context("build")?)
        .try_collect()
        .await
        .context("GET /groups/{id}/members")?;
    hits(&first, 1, "members page 1").await?;
    hits(&second, 1, "members page 2").await?;
    let kinds: Vec<String> = members
        .iter()
        .map(|m| match m {
            AnyDirectoryObject::User(u) => format!("user {} ({})", text(&u.display_name), text(&u.job_title)),
            AnyDirectoryObject::Group(group) => format!(
                "group {} {:?}",
                text(&group.display_name),
                group.group_types.value().cloned().unwrap_or_default()
            ),
            other => format!("other {other:?}"),
        })
        .collect();
    ensure(
        kinds
            == [
                "user Adele Vance (Retail Manager)",
                "group HR Taskforce [\"Unified\"]",
                "user Alex Wilber (Marketing Assistant)",
            ],
        || format!("members {kinds:?}"),
    )?;
    Ok(format!("{} members over 2 pages: 2 typed User, 1 typed Group", members.len()))
}
