//! `mdapi diff` on two versions of the fixture pages: each kind of change is
//! found and classified.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

mod common;

use std::path::Path;

use common::{copy_tree, widgets_fixture};

use mdapi::diff::{compare, Kind};

fn edit(root: &Path, page: &str, from: &str, to: &str) {
    let path = root.join("v1.0").join(page);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{page} lacks {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn api(root: &Path) -> mdapi_ir::Api {
    mdapi::analyze(&mdapi::DocSet::load(&[root]).unwrap()).api
}

#[test]
fn every_kind_of_change_is_found_and_classified() {
    let fixture = widgets_fixture();
    let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    copy_tree(&fixture, old.path());
    copy_tree(&fixture, new.path());
    let new = new.path();
    edit(
        new,
        "api/widget-get.md",
        "GET /me/widgets/{widget-id | serialNumber}\n",
        "GET /me/widgets/{widget-id | serialNumber}\nGET /shops/{id}/widgets/{id}\n",
    );
    edit(new, "api/widget-list.md", "```http\nGET /widgets\n```", "```http\nGET /widget-list\n```");
    edit(new, "resources/widget.md", "| size | Int32 |", "| size | Int64 |");
    edit(new, "resources/widget.md", "| weight | Double | Weight in grams. |\n", "");
    edit(
        new,
        "resources/widget.md",
        "| tags | String collection | Free-form tags. |",
        "| tags | String collection | Free-form tags. |\n| height | Int32 | How tall. |",
    );
    edit(new, "resources/widget.md", "| green | Green. |\n", "| purple | Purple. |\n");
    edit(
        new,
        "api/widget-update.md",
        "|Application|Widget.ReadWrite.All|Not available.|",
        "|Application|Widget.ReadWrite.Everything|Not available.|",
    );
    edit(new, "api/widget-get.md", "|Application|Widget.Read.All|", "|Application|Widget.Read.All, Widget.Read.Some|");
    edit(
        new,
        "api/widget-paint.md",
        "| coats | Int32 | How many coats. Optional. |",
        "| coats | Int32 | How many coats. Optional. |\n| brush | String | Which brush. Required. |",
    );
    edit(
        new,
        "api/widget-create.md",
        "a `201 Created` response code and a [widget](../resources/widget.md)",
        "a `201 Created` response code and an [identity](../resources/identity.md)",
    );
    std::fs::remove_file(new.join("v1.0/resources/widgetpart.md")).unwrap();

    let changes = compare(&api(old.path()), &api(new));
    let find = |kind: Kind, subject: &str| {
        changes
            .iter()
            .find(|c| c.kind == kind && c.subject.contains(subject))
            .unwrap_or_else(|| panic!("no {kind:?} on {subject}: {changes:#?}"))
    };
    assert!(!find(Kind::OperationAdded, "GET /shops/{}/widgets/{}").breaking);
    assert!(find(Kind::OperationRemoved, "GET /widgets").breaking);
    assert!(!find(Kind::OperationAdded, "GET /widget-list").breaking);
    assert!(find(Kind::PropertyTypeChanged, "widget.size").breaking);
    assert!(find(Kind::PropertyRemoved, "widget.weight").breaking);
    assert!(!find(Kind::PropertyAdded, "widget.height").breaking);
    assert!(!find(Kind::EnumMemberAdded, "widgetColor.purple").breaking);
    assert!(find(Kind::EnumMemberRemoved, "widgetColor.green").breaking);
    assert!(find(Kind::PermissionsChanged, "PATCH /widgets").breaking, "a scope that granted access is gone");
    assert!(!find(Kind::PermissionsChanged, "GET /widgets/{}").breaking, "only a scope added");
    assert!(find(Kind::RequiredParameterAdded, "widgetPaintRequestBody.brush").breaking);
    assert!(find(Kind::ResponseChanged, "POST /widgets").breaking);
    // widgetPart lost its page: still named by widget's table, so it remains,
    // known only by name, and its properties are gone.
    assert!(find(Kind::PropertyRemoved, "widgetPart.count").breaking);
    assert!(changes.iter().all(|c| c.kind != Kind::TypeRemoved || c.breaking));

    let markdown = mdapi::diff::markdown(&changes);
    assert!(
        markdown.contains("**breaking**") && markdown.contains("## microsoft.graph") && markdown.contains("## widgets")
    );
}

/// Names are matched without case; a new spelling is listed, and is
/// breaking exactly when the generated SDK's Rust name changes with it.
#[test]
fn a_changed_spelling_breaks_when_the_rust_name_changes() {
    let fixture = widgets_fixture();
    let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    copy_tree(&fixture, old.path());
    copy_tree(&fixture, new.path());
    let new = new.path();
    // `price` and `Price` are both the field `price`.
    edit(new, "resources/widget.md", "| price | Decimal |", "| Price | Decimal |");
    // `serial_number` becomes `serialnumber`.
    edit(new, "resources/widget.md", "| serialNumber | Int64 |", "| serialnumber | Int64 |");
    // `WidgetPart` becomes `Widgetpart`.
    for (from, to) in [("title: \"widgetPart", "title: \"widgetpart"), ("# widgetPart", "# widgetpart")] {
        edit(new, "resources/widgetpart.md", from, to);
    }
    edit(new, "resources/widget.md", "[widgetPart](widgetpart.md)", "[widgetpart](widgetpart.md)");
    edit(new, "api/widget-list-parts.md", "[widgetPart]", "[widgetpart]");

    let changes = compare(&api(old.path()), &api(new));
    let find = |kind: Kind, subject: &str| {
        changes
            .iter()
            .find(|c| c.kind == kind && c.subject.ends_with(subject))
            .unwrap_or_else(|| panic!("no {kind:?} on {subject}: {changes:#?}"))
    };
    assert!(!find(Kind::PropertySpellingChanged, "widget.Price").breaking);
    assert!(find(Kind::PropertySpellingChanged, "widget.serialnumber").breaking);
    assert!(find(Kind::TypeSpellingChanged, "microsoft.graph.widgetpart").breaking);
    // A new spelling is neither a removal nor an addition; `type` and `Type`,
    // two properties of one type, stay matched to themselves.
    assert!(
        changes.iter().all(|c| !matches!(c.kind, Kind::PropertyRemoved | Kind::PropertyAdded | Kind::TypeRemoved)),
        "{changes:#?}"
    );
    assert_eq!(changes.len(), 3, "{changes:#?}");
}

#[test]
fn the_same_docs_have_no_changes() {
    let fixture = widgets_fixture();
    assert!(compare(&api(&fixture), &api(&fixture)).is_empty());
}

/// Kind: a route written with a trailing `/` in one release and without
/// it in the other (`.../charts/` and `.../charts` in the Graph docs) was
/// reported as one operation removed and another added; it is the same
/// call, and the same generated endpoint.
#[test]
fn a_trailing_slash_is_the_same_operation() {
    let fixture = widgets_fixture();
    let new = tempfile::tempdir().unwrap();
    copy_tree(&fixture, new.path());
    edit(new.path(), "api/widget-lock.md", "POST /widgets/{id}/lock\n", "POST /widgets/{id}/lock/\n");
    let changes = compare(&api(&fixture), &api(new.path()));
    assert!(changes.iter().all(|c| !matches!(c.kind, Kind::OperationRemoved | Kind::OperationAdded)), "{changes:#?}");
}

/// Kind: `diff` keyed operations by their own copy of the route shape,
/// which kept quotes, so a function's argument written `(period='{p}')` in
/// one release and `(period={p})` in the other was a breaking "operation
/// removed" plus an "operation added", though the IR merges the two as one
/// call. The key is now the IR's (`mdapi_runtime::route::shape`).
#[test]
fn a_quoted_and_an_unquoted_argument_are_the_same_operation() {
    let fixture = widgets_fixture();
    let (old, new) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    copy_tree(&fixture, old.path());
    copy_tree(&fixture, new.path());
    let route = "GET /me/widgets/{widget-id | serialNumber}\n";
    edit(old.path(), "api/widget-get.md", route, &format!("{route}GET /widgets/usage(period='{{period}}')\n"));
    edit(new.path(), "api/widget-get.md", route, &format!("{route}GET /widgets/usage(period={{period}})\n"));
    let (old, new) = (api(old.path()), api(new.path()));
    assert!(old.operations.iter().any(|op| op.path.contains("usage(period='")), "the old route is read");
    let changes = compare(&old, &new);
    assert!(changes.iter().all(|c| !matches!(c.kind, Kind::OperationRemoved | Kind::OperationAdded)), "{changes:#?}");
}
