//! The README's "The SDK user's five minutes" snippet, compiled with this program
//! by `cargo xtask e2e` (CI). `crates/mdapi/tests/readme.rs` checks that the
//! README shows exactly the text between the markers.
#![allow(dead_code)]

// README-SNIPPET-START
use graph_v1_0::models::{Event, Group, GroupUpdateRequestBody, User, UserSendmailRequestBody};
use graph_v1_0::paths::Root;
use graph_v1_0::runtime::auth::AccessToken;
use graph_v1_0::runtime::client::{Client, Cloud, DeltaLink, Error, PollOptions, TryStreamExt, Version};
use graph_v1_0::runtime::{Collection, Field};

async fn everyday(token: String, group_id: &str, mail: &UserSendmailRequestBody) -> Result<(), Error> {
    let client = Client::builder(AccessToken::new(token)).cloud(Cloud::Global, Version::V1).build()?;

    // One typed call: the path tree builds the request, `send` decodes it.
    let me: User = client.send(Root.me().get()?).await?;
    println!("{:?}", me.display_name);

    // Every page of a list, with OData options, as a stream.
    let mut users = client.items(Root.users().get()?.select(&["displayName", "mail"]).top(50));
    while let Some(user) = users.try_next().await? {
        println!("{:?}", user.mail);
    }

    // PATCH sends exactly the fields set: `Field::Null` clears one.
    let patch = GroupUpdateRequestBody { description: Field::Null, ..GroupUpdateRequestBody::default() };
    client.send(Root.groups().by_id(group_id).patch(&patch)?).await?;
    let group: Group = client.send(Root.groups().by_id(group_id).get()?).await?;
    println!("{:?}", group.display_name);

    // Required query parameters are arguments.
    let window: Collection<Event> =
        client.send(Root.me().calendar().calendar_view().get("2024-01-01T00:00:00Z", "2024-01-08T00:00:00Z")?).await?;
    println!("{} events", window.value.len());

    // A delta round ends with a link to store; the next round starts there.
    let round = client.delta(Root.users().delta().get()?).await?;
    let stored: String = serde_json::to_string(&round.delta_link).map_err(Error::Decode)?;
    let link: DeltaLink<User> = serde_json::from_str(&stored).map_err(Error::Decode)?;
    let later = client.delta_from(&link).await?;
    println!("{} changed", later.items.len());

    // A 202 Accepted gives its monitor; the poller waits as Retry-After says.
    let accepted = client.send(Root.me().send_mail().post(mail)?).await?;
    if accepted.location.is_some() {
        client.wait_done(&accepted, PollOptions::default()).await?;
    }

    // Per call: another timeout (the client's other settings stay).
    let quick = client.with_timeout(std::time::Duration::from_secs(5));
    let _me: User = quick.send(Root.me().get()?).await?;
    Ok(())
}
// README-SNIPPET-END
