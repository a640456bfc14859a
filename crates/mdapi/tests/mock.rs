//! The generated crate's `mock` feature as a user runs it, against the
//! checked-in `generated/widgets` (no corpus needed): every documented
//! example the example tests check is answered by the mock when sent
//! through its endpoint's `request(..)`, and typed stubs answer the
//! requests a test sets up.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::time::Duration;

use widgets::endpoints;
use widgets::mock::{GraphError, UNMATCHED};
use widgets::models::Widget;
use widgets::runtime::client::{Error, TryStreamExt};
use widgets::runtime::Field;

fn widget(id: &str, name: &str) -> Widget {
    serde_json::from_value(serde_json::json!({ "id": id, "displayName": name })).unwrap()
}

#[test]
fn the_mock_answers_every_checked_example_through_its_endpoint() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mock = runtime.block_on(widgets::mock::start());
    let checked: Vec<_> = widgets::mock::EXAMPLES.iter().flat_map(|g| g.iter()).filter(|c| c.client_check).collect();
    assert_eq!(mock.examples(), checked.len());
    assert!(!checked.is_empty(), "the widgets fixtures document checked examples");
    assert!(widgets::runtime::examples_client::against_mock(mock));
    // Each case's own call (its endpoint's `request`), sent to the shared
    // mock: the answer must be its documented one, from the mock.
    for case in &checked {
        case.run();
    }
    let (passed, failed, _) = widgets::runtime::examples_client::tally();
    assert_eq!((passed, failed), (checked.len(), 0));
}

#[tokio::test]
async fn typed_stubs_answer_through_the_sdk() {
    let mock = widgets::mock::start().await;
    let client = mock.client();

    let stub = mock.on(endpoints::get_widgets_by_id::request("w7").unwrap()).answer(&widget("w7", "Sprocket"));
    let got = client.send(widgets::paths::Root.widgets().by_id("w7").get().unwrap()).await.unwrap();
    assert_eq!(got.display_name, Field::Value("Sprocket".to_owned()));
    assert_eq!(stub.hits(), 1);

    let pages = [vec![widget("a", "A"), widget("b", "B")], vec![widget("c", "C")]];
    mock.on(endpoints::get_widgets::request().unwrap()).pages(pages);
    let all: Vec<Widget> = client.items(endpoints::get_widgets::request().unwrap().top(2)).try_collect().await.unwrap();
    assert_eq!(all.len(), 3);

    let missing = GraphError::new(404, "itemNotFound", "The widget does not exist.");
    mock.on(endpoints::get_widgets_by_id::request("gone").unwrap()).error(&missing);
    let Err(Error::Graph(error)) = client.send(endpoints::get_widgets_by_id::request("gone").unwrap()).await else {
        panic!("no error")
    };
    assert_eq!((error.status, error.code.as_str()), (404, "itemNotFound"));

    let throttled = mock
        .on(endpoints::get_widgets_by_id::request("busy").unwrap())
        .throttle_then(Duration::ZERO, &widget("busy", "B"));
    client.send(endpoints::get_widgets_by_id::request("busy").unwrap()).await.unwrap();
    assert_eq!(throttled.hits(), 2);

    // A request nothing answers is a Graph error naming the mock.
    let Err(Error::Graph(error)) = client.send(endpoints::get_widgets_by_id::request("nobody").unwrap()).await else {
        panic!("answered")
    };
    assert_eq!(error.code, UNMATCHED);
}
