//! Typed query options on the checked-in `generated/widgets` SDK, used as a
//! Graph user would: property names are constants of the model, accepted
//! only on requests answering that model, written to the wire as OData
//! reads them; what a `$select` leaves out reads as absent, never as null.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use serde_json::json;
use widgets::models::{AnyDirectoryObject, DirectoryObject, Widget, WidgetColor};
use widgets::paths::Root;
use widgets::runtime::edm::{DateTimeOffset, Int64};
use widgets::runtime::{Collection, Field};

fn query(request: &widgets::runtime::Request<impl Sized>) -> String {
    let path = request.path_and_query();
    path.split_once('?').map(|(_, q)| q.to_owned()).unwrap_or_default()
}

/// Kind: property names typed as strings, misspelt without a compile error.
/// The constants send the wire names, in the order given.
#[test]
fn a_typed_select_sends_the_wire_names() {
    let request = Root.widgets().get().unwrap().select((Widget::DISPLAY_NAME, Widget::SERIAL_NUMBER));
    assert_eq!(query(&request), "$select=displayName,serialNumber");
    let request = request.select(Widget::COLOR);
    assert_eq!(query(&request), "$select=displayName,serialNumber,color", "a second call adds to the same option");
    // Strings stay possible, alone or beside the constants.
    let request = Root.widgets().by_id("w1").get().unwrap().select(["displayName", "futureProperty"]);
    assert_eq!(query(&request), "$select=displayName,futureProperty");
    // The slice form written before the constants existed still compiles.
    let names: &[&str] = &["displayName", "futureProperty"];
    let request = Root.widgets().by_id("w1").get().unwrap().select(names);
    assert_eq!(query(&request), "$select=displayName,futureProperty");
    let request = Root.widgets().by_id("w1").get().unwrap().select((Widget::ID, "futureProperty"));
    assert_eq!(query(&request), "$select=id,futureProperty");
    let request = Root.widgets().by_id("w1").get().unwrap().select([Widget::ID, Widget::DISPLAY_NAME]);
    assert_eq!(query(&request), "$select=id,displayName");
}

/// Kind: a derived type's request and its inherited properties; a
/// polymorphic answer (`Collection<AnyDirectoryObject>`) and its base's.
#[test]
fn inherited_and_polymorphic_properties_are_selectable() {
    // `id` is `entity`'s, `displayName` the widget's own.
    let request = Root.widgets().by_id("w1").get().unwrap().select((Widget::ID, Widget::DISPLAY_NAME));
    assert_eq!(query(&request), "$select=id,displayName");
    let members = Root.groups().by_id("g1").members().get().unwrap();
    let members = members.select((DirectoryObject::ID, DirectoryObject::DELETED_DATE_TIME));
    assert_eq!(query(&members), "$select=id,deletedDateTime");
    let _: &widgets::runtime::Request<Collection<AnyDirectoryObject>> = &members;
}

/// Kind: `$expand` takes navigation properties, `$orderby` structural ones
/// with a direction.
#[test]
fn expand_and_order_by_take_their_kind_of_property() {
    let request = Root.widgets().get().unwrap().expand((Widget::OWNER, Widget::PARENT));
    assert_eq!(query(&request), "$expand=owner,parent");
    let request = Root.widgets().get().unwrap().order_by((Widget::SIZE.desc(), Widget::DISPLAY_NAME));
    assert_eq!(query(&request), "$orderby=size%20desc,displayName");
    let request = Root.widgets().get().unwrap().order_by("size desc");
    assert_eq!(query(&request), "$orderby=size%20desc");
}

/// Kind: `$filter` values written by hand (an unescaped quote ends the
/// literal). Each value is typed by its property and written by the
/// runtime's one literal encoder; `and`/`or` keep OData's precedence.
#[test]
fn filter_helpers_write_typed_literals() {
    let at: DateTimeOffset = "2024-02-08T12:07:31Z".parse().unwrap();
    let filter = Widget::DISPLAY_NAME
        .eq("O'Brien")
        .or(Widget::SIZE.ge(3))
        .and(Widget::SERIAL_NUMBER.ne(Int64::new(5)).and(Widget::CREATED_DATE_TIME.lt(at)))
        .and(Widget::COLOR.eq(WidgetColor::Blue).not());
    assert_eq!(
        filter.as_str(),
        "(displayName eq 'O''Brien' or size ge 3) and serialNumber ne 5 and createdDateTime lt 2024-02-08T12:07:31Z and not (color eq 'blue')"
    );
    let request =
        Root.widgets().get().unwrap().filter(Widget::DISPLAY_NAME.starts_with("A&B").or(Widget::SIZE.is_null()));
    assert_eq!(query(&request), "$filter=startswith(displayName,'A%26B')%20or%20size%20eq%20null");
}

/// Kind: a property the service leaves out (not selected) read as `null`.
/// Absent is `Field::Absent`, a real `null` is `Field::Null`.
#[test]
fn a_selected_but_absent_property_is_absent_and_a_null_is_null() {
    let body = json!({ "value": [ { "id": "w1", "displayName": null }, { "id": "w2", "displayName": "Gear" } ] });
    let page: Collection<Widget> = serde_json::from_value(body).unwrap();
    assert_eq!(page.value[0].display_name, Field::Null);
    assert_eq!(page.value[0].serial_number, Field::Absent);
    assert_eq!(page.value[1].display_name, Field::Value("Gear".to_owned()));
}
