//! Permissions as the pages mean them, seen through the generated widgets
//! SDK (`generated/widgets`, from `tests/fixtures/widgets`) and `mdapi
//! lint`: one fixture page per form a permissions cell takes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::path::PathBuf;

use mdapi_parse::permissions::is_scope_name;
use mdapi_parse::Code;
use mdapi_runtime::permissions::{least_privileged, Access, Account, PermissionError};
use mdapi_runtime::Operation;
use widgets::endpoints;

fn sets(access: Access) -> Vec<Vec<&'static str>> {
    match access {
        Access::AnyOf(sets) => sets.iter().map(|s| s.all_of.to_vec()).collect(),
        other => panic!("{other:?}"),
    }
}

fn least(op: &'static Operation, account: Account) -> Vec<&'static str> {
    least_privileged(&[op], account).unwrap()
}

fn names(op: &Operation) -> Vec<&'static str> {
    let p = op.permissions;
    [p.delegated_work, p.delegated_personal, p.application].iter().flat_map(|a| a.scope_names()).collect()
}

/// The kind: one cell giving scopes per resource (`For **group**
/// resource: ...`); each route gets its resource's scopes only.
#[test]
fn per_resource_cells_bind_to_the_routes_that_address_the_resource() {
    let group = &endpoints::get_groups_by_id_photo_value::OPERATION;
    assert!(names(group).iter().all(|s| s.starts_with("Group.")), "{:?}", names(group));
    assert_eq!(least(group, Account::DelegatedWork), ["Group.Read.All"]);
    // The personal row says "Not supported" for groups, in the same cell.
    assert_eq!(group.permissions.delegated_personal, Access::NotSupported);
    for me in [&endpoints::get_me_photo_value::OPERATION, &endpoints::get_users_by_id_photo_value::OPERATION] {
        assert!(names(me).iter().all(|s| s.starts_with("User.")), "{:?}", names(me));
        assert_eq!(least(me, Account::DelegatedWork), ["User.Read"]);
        assert_eq!(least(me, Account::Application), ["User.Read.All"]);
    }
    // `/me/contacts/{id}`: the contact, not the user, is what the route addresses.
    let contact = &endpoints::get_me_contacts_by_id_photo_value::OPERATION;
    assert_eq!(least(contact, Account::DelegatedPersonal), ["Contacts.Read"]);
}

/// The kind: a `*` after a scope pointing to a note under the table.
#[test]
fn footnoted_scopes_carry_their_note() {
    let delete = &endpoints::delete_widgets_by_id::OPERATION;
    assert_eq!(sets(delete.permissions.application), [["Widget.ReadWrite.Shelf"], ["Widget.ReadWrite.All"]]);
    assert!(delete.permissions.note("Widget.ReadWrite.Shelf").unwrap().contains("resource-specific consent"));
    assert_eq!(delete.permissions.note("Widget.ReadWrite.All"), None);
}

/// The kind: scopes needed together (`and`, `plus`), and groups of
/// alternatives (`One from ...`, `either ... or ...`).
#[test]
fn combinations_are_sets_needed_whole() {
    let parts = &endpoints::get_widgets_by_id_parts::OPERATION;
    assert_eq!(
        sets(parts.permissions.delegated_work),
        [
            ["Widget.ReadBasic", "Directory.Read.All"],
            ["Widget.ReadBasic", "User.Read"],
            ["Widget.Read", "Directory.Read.All"],
            ["Widget.Read", "User.Read"],
        ]
    );
    assert_eq!(least(parts, Account::DelegatedWork), ["Widget.ReadBasic", "Directory.Read.All"]);
    assert_eq!(
        sets(parts.permissions.application),
        [vec!["Widget.Read.All", "Part.Read.All"], vec!["Directory.Read.All"]]
    );
    // `A, B and C` is English for all three.
    let certify = &endpoints::post_widgets_by_id_certify::OPERATION;
    assert_eq!(
        sets(certify.permissions.application),
        [["Policy.Read.All", "Widget.Certify.All", "Directory.Read.All"]]
    );
}

/// The kind: prose in a cell (`Role required to ...`, `(see below)`): never
/// a scope; a remark is the scope's note.
#[test]
fn prose_is_not_a_scope_and_a_remark_is_a_note() {
    let subscribers = &endpoints::get_widgets_by_id_subscribers::OPERATION;
    assert_eq!(sets(subscribers.permissions.delegated_work), [["Widget.Read.All"]]);
    assert_eq!(subscribers.permissions.note("Widget.Read.All"), Some("see below"));
    assert_eq!(subscribers.permissions.application, Access::Undocumented);
    assert_eq!(
        least_privileged(&[subscribers], Account::Application),
        Err(PermissionError::Undocumented { operation: "get_widgets_by_id_subscribers" })
    );
}

/// The kind: conditions written as labels (`In shelves:`), trailing
/// phrases (`... for a bin part.`), headings over tables (current and 2021
/// wording, `acting on self`) and transposed tables' rows.
#[test]
fn every_way_of_writing_a_condition_binds_to_routes() {
    let in_bins = &endpoints::delete_shelves_by_id_bins_by_id_members_by_id::OPERATION;
    assert_eq!(sets(in_bins.permissions.delegated_work), [["Bin.ReadWrite.All"], ["Shelf.ReadWrite.All"]]);
    let in_shelves = &endpoints::delete_shelves_by_id_members_by_id::OPERATION;
    assert_eq!(sets(in_shelves.permissions.application), [["Shelf.ReadWrite.All"]]);

    let bin_part = &endpoints::post_bins_by_id_parts_by_id_flag::OPERATION;
    assert_eq!(sets(bin_part.permissions.delegated_work), [["Widget.Flag.All", "Bin.ReadWrite.All"]]);
    let widget_part = &endpoints::post_widgets_by_id_parts_by_id_flag::OPERATION;
    assert_eq!(sets(widget_part.permissions.delegated_work), [["Widget.Flag.All"]]);

    let widget_thumbnail = &endpoints::get_widgets_by_id_thumbnail_value::OPERATION;
    assert_eq!(least(widget_thumbnail, Account::Application), ["Widget.Read.All"]);
    let my_thumbnail = &endpoints::get_me_thumbnail_value::OPERATION;
    assert_eq!(sets(my_thumbnail.permissions.delegated_personal), [["User.Read"]]);

    assert_eq!(least(&endpoints::get_me_keys::OPERATION, Account::DelegatedWork), ["Keys.Read"]);
    assert_eq!(endpoints::get_me_keys::OPERATION.permissions.application, Access::NotSupported);
    assert_eq!(least(&endpoints::get_users_by_id_keys::OPERATION, Account::DelegatedWork), ["Keys.Read.All"]);

    let extension = &endpoints::get_me_contacts_by_id_extensions_by_id::OPERATION;
    assert_eq!(sets(extension.permissions.delegated_work), [["Contacts.Read"]]);
}

/// The kind: a route that addresses none of the page's resources (the
/// resource is named elsewhere): every set is kept with its condition, and
/// the least privileged scopes depend on the call.
#[test]
fn a_condition_the_route_cannot_decide_is_kept_and_answered_as_conditional() {
    let op = &endpoints::get_subscriptions_by_id_extensions_by_id::OPERATION;
    let Access::AnyOf(sets) = op.permissions.delegated_work else { panic!() };
    let when: Vec<Option<&str>> = sets.iter().map(|s| s.when).collect();
    assert_eq!(when, [Some("widget"), Some("personal contact"), Some("user")]);
    let Err(PermissionError::Conditional { conditions, .. }) = least_privileged(&[op], Account::DelegatedWork) else {
        panic!()
    };
    assert_eq!(conditions, ["widget", "personal contact", "user"]);
}

/// The kind: space-separated lists, most privileged first, and the current
/// format's include files with a "Higher privileged permissions" column.
#[test]
fn lists_keep_least_privileged_first_whatever_their_form() {
    let configurations = &endpoints::get_widgets_by_id_configurations::OPERATION;
    assert_eq!(sets(configurations.permissions.delegated_work), [["Widget.Read.All"], ["Widget.ReadWrite.All"]]);
    let archive = &endpoints::post_widgets_by_id_archive::OPERATION;
    assert_eq!(
        sets(archive.permissions.delegated_work),
        [["Widget.Archive"], ["Widget.ReadWrite"], ["Widget.ReadWrite.All"]]
    );
    assert_eq!(sets(archive.permissions.application), [["Widget.Archive.All"]]);
    assert_eq!(archive.permissions.delegated_personal, Access::NotSupported);
}

/// No operation of the SDK holds a string that is not a scope name.
#[test]
fn every_generated_scope_is_a_scope_name() {
    let all = endpoints::all();
    assert!(all.len() > 30);
    for op in all {
        for name in names(op) {
            assert!(is_scope_name(name), "{}: {name}", op.id);
        }
        for note in op.permissions.notes {
            assert!(is_scope_name(note.scope), "{}: {}", op.id, note.scope);
        }
    }
}

/// `mdapi lint`'s findings on the fixture: the prose quoted, the mixed
/// forms and the route no condition fits named, each at its page.
#[test]
fn lint_reports_prose_mixed_forms_and_unbound_routes() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/widgets");
    let analysis = mdapi::analyze(&mdapi::DocSet::load(&[dir]).unwrap());
    let found = |code: Code| -> Vec<(String, String)> {
        analysis
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| (d.file.rsplit('/').next().unwrap().to_owned(), d.message.clone()))
            .collect()
    };
    let unreadable = found(Code::PermissionUnreadable);
    assert_eq!(unreadable.len(), 2, "{unreadable:?}");
    assert!(unreadable
        .iter()
        .all(|(file, m)| file == "widget-list-subscribers.md" && m.contains("`Role required to lock a widget`")));
    let mixed = found(Code::PermissionFormsMixed);
    assert_eq!(
        mixed.iter().map(|(file, _)| file.as_str()).collect::<Vec<_>>(),
        ["widget-certify.md", "widget-certify.md"]
    );
    let unbound = found(Code::PermissionConditionUnbound);
    assert_eq!(unbound.len(), 1);
    assert!(unbound[0].1.contains("/subscriptions/{id}/extensions/{extension-id}"), "{unbound:?}");
    assert!(found(Code::PermissionNoteMissing).is_empty());
    let stats = mdapi::stats::compute(&analysis);
    assert_eq!((stats.permission_non_scopes, stats.permission_parts_unread), (0, 2));
}
