//! Code an app writes over the generated v1.0 SDK, and tests with its
//! `mock` feature (`tests/mock.rs`): each function takes the client, so
//! the tests hand it the mock's.

use graph_v1_0::endpoints;
use graph_v1_0::models::AnyDirectoryObject;
use graph_v1_0::paths::Root;
use graph_v1_0::runtime::client::{Client, Error, TryStreamExt};

/// What a member is called: its display name (users, groups, devices and
/// the others that have one), else its id.
pub fn member_label(member: &AnyDirectoryObject) -> String {
    let (name, id) = match member {
        AnyDirectoryObject::User(user) => (user.display_name.value(), user.id.value()),
        AnyDirectoryObject::Group(group) => (group.display_name.value(), group.id.value()),
        AnyDirectoryObject::Device(device) => (device.display_name.value(), device.id.value()),
        AnyDirectoryObject::DirectoryObject(object) => (None, object.id.value()),
        other => (None, other_id(other)),
    };
    name.or(id).cloned().unwrap_or_default()
}

fn other_id(member: &AnyDirectoryObject) -> Option<&String> {
    match member {
        AnyDirectoryObject::ServicePrincipal(sp) => sp.id.value(),
        AnyDirectoryObject::Application(app) => app.id.value(),
        AnyDirectoryObject::Organization(org) => org.id.value(),
        _ => None,
    }
}

/// The labels ([`member_label`]) of a group's members, across every page
/// Graph answers (`GET /groups/{id}/members`, `@odata.nextLink`s followed),
/// in the order Graph lists them.
///
/// # Errors
/// The client's: a Graph error (after the client's retries of `429`s), a
/// connection failure, an answer that does not decode.
pub async fn member_labels(client: &Client, group_id: &str) -> Result<Vec<String>, Error> {
    let request = endpoints::get_groups_by_id_members::request(group_id)?;
    let members: Vec<AnyDirectoryObject> = client.items(request).try_collect().await?;
    Ok(members.iter().map(member_label).collect())
}

/// A user's display name (`GET /users/{id}`); `None` when Graph does not
/// know the user (`404`). A throttled call (`429`) is retried by the
/// client, waiting what `Retry-After` says.
///
/// # Errors
/// Any other Graph error, and the client's own.
pub async fn display_name(client: &Client, user_id: &str) -> Result<Option<String>, Error> {
    match client.send(Root.users().by_id(user_id).get()?).await {
        Ok(user) => Ok(user.display_name.into_option()),
        Err(Error::Graph(error)) if error.status == 404 => Ok(None),
        Err(error) => Err(error),
    }
}
