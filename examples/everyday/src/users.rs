//! Users: `GET /me`, a filtered list over pages, and a delta round.

use graph_v1_0::models::User;
use graph_v1_0::paths::Root;
use graph_v1_0::runtime::client::{DeltaLink, DeltaRound, TryStreamExt};
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

use crate::support::{ensure, hits, text, Context, Graph, Outcome, ADELE, ALEX};

fn users_page(users: &[(&str, &str)], next: Option<String>) -> ResponseTemplate {
    let mut body = json!({
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(displayName,mail)",
        "value": users.iter().map(|(name, mail)| json!({ "displayName": name, "mail": mail })).collect::<Vec<_>>(),
    });
    if let Some(next) = next {
        body["@odata.nextLink"] = json!(next);
    }
    ResponseTemplate::new(200).set_body_json(body)
}

/// Step 1: `GET /me` (user-get.md's answer).
pub(crate) async fn get_me(g: &Graph) -> Outcome {
    let guard = g
        .answer(
            Mock::given(method("GET")).and(path("/v1.0/me")),
            ResponseTemplate::new(200).set_body_json(json!({
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
                "businessPhones": ["+1 412 555 0109"],
                "displayName": "Megan Bowen",
                "givenName": "Megan",
                "jobTitle": "Auditor",
                "mail": "MeganB@M365x214355.onmicrosoft.com",
                "mobilePhone": null,
                "officeLocation": "12/1110",
                "preferredLanguage": "en-US",
                "surname": "Bowen",
                "userPrincipalName": "MeganB@M365x214355.onmicrosoft.com",
                "id": "48d31887-5fad-4d73-a9f5-3c356e68a038"
            })),
        )
        .await;
    let me: User = g.client.send(Root.me().get().context("build")?).await.context("GET /me")?;
    hits(&guard, 1, "GET /me").await?;
    ensure(text(&me.display_name) == "Megan Bowen", || format!("displayName {:?}", me.display_name))?;
    ensure(text(&me.id) == "48d31887-5fad-4d73-a9f5-3c356e68a038", || format!("id {:?}", me.id))?;
    ensure(me.mobile_phone.is_null(), || format!("mobilePhone null must be Field::Null, got {:?}", me.mobile_phone))?;
    ensure(me.business_phones.value().is_some_and(|p| p == &["+1 412 555 0109"]), || {
        format!("businessPhones {:?}", me.business_phones)
    })?;
    let untyped: Vec<&String> = me.additional_properties.keys().collect();
    ensure(untyped == ["@odata.context"], || format!("properties not typed: {untyped:?}"))?;
    Ok(format!("{} <{}>, mobilePhone null, every property typed", text(&me.display_name), text(&me.mail)))
}

/// Step 2: `GET /users?$select=..&$filter=..&$top=2` over three pages, followed
/// through `@odata.nextLink` by the client's `items`.
pub(crate) async fn list_users(g: &Graph) -> Outcome {
    let filter = "startswith(displayName,'A')";
    let next =
        |token: &str| format!("{}/users?$select=displayName,mail&$filter={filter}&$top=2&$skiptoken={token}", g.base());
    let first = g
        .answer(
            Mock::given(method("GET"))
                .and(path("/v1.0/users"))
                .and(query_param("$select", "displayName,mail"))
                .and(query_param("$filter", filter))
                .and(query_param("$top", "2"))
                .and(query_param_is_missing("$skiptoken")),
            users_page(
                &[("Adele Vance", "AdeleV@contoso.com"), ("Alex Wilber", "AlexW@contoso.com")],
                Some(next("X2")),
            ),
        )
        .await;
    let second = g
        .answer(
            Mock::given(method("GET")).and(path("/v1.0/users")).and(query_param("$skiptoken", "X2")),
            users_page(
                &[("Allan Deyoung", "AllanD@contoso.com"), ("Alice Liu", "AliceL@contoso.com")],
                Some(next("X3")),
            ),
        )
        .await;
    let third = g
        .answer(
            Mock::given(method("GET")).and(path("/v1.0/users")).and(query_param("$skiptoken", "X3")),
            users_page(&[("Anna Lidman", "AnnaL@contoso.com")], None),
        )
        .await;
    let request = Root.users().get().context("build")?.select(&["displayName", "mail"]).filter(filter).top(2);
    let users: Vec<User> = g.client.items(request).try_collect().await.context("GET /users, paged")?;
    hits(&first, 1, "page 1").await?;
    hits(&second, 1, "page 2").await?;
    hits(&third, 1, "page 3").await?;
    let names: Vec<&str> = users.iter().map(|u| text(&u.display_name)).collect();
    ensure(names == ["Adele Vance", "Alex Wilber", "Allan Deyoung", "Alice Liu", "Anna Lidman"], || {
        format!("users {names:?}")
    })?;
    ensure(users.iter().all(|u| !text(&u.mail).is_empty() && u.id.is_absent() && u.given_name.is_absent()), || {
        "a user has more or less than the selected properties".to_owned()
    })?;
    Ok(format!("{} users over 3 pages, $select and $filter sent, only the selected properties", users.len()))
}

fn delta_page(users: &Value, next: Option<String>, delta: Option<String>) -> ResponseTemplate {
    let mut body =
        json!({ "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", "value": users.clone() });
    if let Some(next) = next {
        body["@odata.nextLink"] = json!(next);
    }
    if let Some(delta) = delta {
        body["@odata.deltaLink"] = json!(delta);
    }
    ResponseTemplate::new(200).set_body_json(body)
}

/// Step 7: `GET /users/delta` (user-delta.md): a round of two pages ending with a
/// deltaLink (the runtime's `Client::delta`), the link stored as JSON and read
/// back, then a second round from it (`Client::delta_from`).
pub(crate) async fn delta(g: &Graph) -> Outcome {
    let skip = "pqwSUjGYvb3jQpbwVAwEL7yuI3dU1LecfkkfLPtnIjsXoYQp_dpA3cNJWc";
    let token = "oEBwdSP6uehIAxQOWq_3Ksh_TLol6KIm3stvdc6hGhZRi1hQ7";
    let next_token = "stAQTKHIj2rD4kJ6c7w0Mv0T5sY8DZ1mZ9tJrYh1YQ2";
    let link = |query: &str| format!("{}/users/delta?{query}", g.base());
    let first = g
        .answer(
            Mock::given(method("GET"))
                .and(path("/v1.0/users/delta"))
                .and(query_param("$select", "displayName,jobTitle"))
                .and(query_param_is_missing("$skiptoken"))
                .and(query_param_is_missing("$deltatoken")),
            delta_page(
                &json!([
                    { "displayName": "Adele Vance", "jobTitle": "Retail Manager", "id": ADELE },
                    { "displayName": "Alex Wilber", "jobTitle": "Marketing Assistant", "id": ALEX }
                ]),
                Some(link(&format!("$skiptoken={skip}"))),
                None,
            ),
        )
        .await;
    let second = g
        .answer(
            Mock::given(method("GET")).and(path("/v1.0/users/delta")).and(query_param("$skiptoken", skip)),
            delta_page(
                &json!([{ "displayName": "Megan Bowen", "jobTitle": "Auditor", "id": "48d31887-5fad-4d73-a9f5-3c356e68a038" }]),
                None,
                Some(link(&format!("$deltatoken={token}"))),
            ),
        )
        .await;
    let round_two = g
        .answer(
            Mock::given(method("GET")).and(path("/v1.0/users/delta")).and(query_param("$deltatoken", token)),
            delta_page(
                &json!([
                    { "displayName": "Adele Vance", "jobTitle": "Retail Lead", "id": ADELE },
                    { "id": ALEX, "@removed": { "reason": "changed" } }
                ]),
                None,
                Some(link(&format!("$deltatoken={next_token}"))),
            ),
        )
        .await;
    let request = Root.users().delta().get().context("build")?.select(&["displayName", "jobTitle"]);
    let DeltaRound { items: users, delta_link } = g.client.delta(request).await.context("GET /users/delta")?;
    hits(&first, 1, "delta page 1").await?;
    hits(&second, 1, "delta page 2").await?;
    ensure(users.len() == 3, || format!("round 1: {} users", users.len()))?;
    ensure(delta_link.url() == link(&format!("$deltatoken={token}")), || format!("deltaLink {delta_link:?}"))?;

    // What an app keeps between runs: the link, as JSON.
    let stored = serde_json::to_string(&delta_link).context("store the deltaLink")?;
    let restored: DeltaLink<User> = serde_json::from_str(&stored).context("read the deltaLink back")?;
    let DeltaRound { items: changed, delta_link: next_delta } =
        g.client.delta_from(&restored).await.context("GET @odata.deltaLink")?;
    hits(&round_two, 1, "delta round 2").await?;
    ensure(changed.len() == 2, || format!("round 2: {} changes", changed.len()))?;
    ensure(text(&changed[0].job_title) == "Retail Lead", || format!("change 1 {:?}", changed[0].job_title))?;
    let removed = changed[1].additional_properties.get("@removed");
    ensure(text(&changed[1].id) == ALEX && removed == Some(&json!({ "reason": "changed" })), || {
        format!("change 2 {:?} {removed:?}", changed[1].id)
    })?;
    ensure(next_delta.url().ends_with(next_token), || format!("round 2 deltaLink {next_delta:?}"))?;
    Ok(format!(
        "round 1: {} users in 2 pages, deltaLink kept; round 2 from it: 1 update, 1 @removed, new deltaLink",
        users.len()
    ))
}
