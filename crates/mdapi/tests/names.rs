//! Names a user can guess, and that stay put: generating a doc set with
//! one more page, which restates routes in other spellings (case, quoting,
//! colons, a trailing `/`) or adds an overload, leaves every existing
//! path-tree method, struct and endpoint module as it was. Pages are
//! written here, not taken from the corpus.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};

use mdapi::DocSet;

/// A page documenting `routes` (one per line), with no examples.
fn page(title: &str, routes: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndoc_type: apiPageType\n---\n\n# {title}\n\nNamespace: microsoft.graph\n\n\
         ## HTTP request\n\n```http\n{routes}\n```\n\n## Request body\n\nDo not supply a request body for this method.\n"
    )
}

fn base_pages() -> Vec<(String, String)> {
    [
        ("user-list", "List users", "GET /users\nPOST /users"),
        ("user-get", "Get user", "GET /users/{id | userPrincipalName}\nPATCH /users/{id}\nGET /users/{id}/photos"),
        ("user-by-upn", "Get user by UPN", "GET /users(userPrincipalName='{upn}')"),
        (
            "driveitem-put-content",
            "Upload content",
            "PUT /me/drive/root:/{item-path}:/content\nPUT /drives/{drive-id}/items/{parent-id}:/{filename}:/content",
        ),
        (
            "driveitem-list-children",
            "List children",
            "GET /me/drive/root/children\nGET /drives/{drive-id}/items/{item-id}",
        ),
        (
            "range-get",
            "Get range",
            "GET /me/drive/items/{id}/workbook/worksheets/{id|name}/range(address='{address}')\n\
             GET /me/drive/items/{id}/workbook/worksheets/{id|name}/range()",
        ),
        (
            "chart-image",
            "Chart image",
            "GET /me/drive/items/{id}/workbook/worksheets/{id}/charts/{name}/image(width={w},height={h})",
        ),
        ("reports-email", "Email activity", "GET /reports/getEmailActivityUserDetail(period='{period_value}')"),
        ("message-delta", "Message delta", "GET /me/messages/delta()"),
    ]
    .into_iter()
    .map(|(stem, title, routes)| (format!("v1.0/api/{stem}.md"), page(title, routes)))
    .collect()
}

/// Public names of a generated crate: each path-tree struct with its
/// `pub fn`s, and the endpoint modules.
#[derive(Debug, PartialEq)]
struct Names {
    structs: BTreeMap<String, BTreeSet<String>>,
    endpoints: BTreeSet<String>,
}

fn names(pages: &[(String, String)]) -> Names {
    let docs = DocSet::from_memory(pages.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    let analysis = mdapi::analyze(&docs);
    let options = mdapi_codegen::Options {
        crate_name: "graph".to_owned(),
        runtime: mdapi::RuntimeDependency::Version("0.1".to_owned()),
        root: vec!["crate".to_owned()],
    };
    let files = mdapi_codegen::generate(&analysis.api, &options).unwrap();
    let mut structs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut endpoints = BTreeSet::new();
    for file in &files {
        if let Some(module) = file.path.strip_prefix("src/endpoints/").and_then(|m| m.strip_suffix(".rs")) {
            endpoints.insert(module.to_owned());
        }
        if !file.path.starts_with("src/paths/") {
            continue;
        }
        let mut current = None;
        for line in file.contents.lines() {
            if let Some(name) = line.strip_prefix("impl ").and_then(|r| r.strip_suffix(" {")) {
                current = Some(name.to_owned());
                structs.entry(name.to_owned()).or_default();
            } else if let (Some(name), Some(current)) = (line.trim().strip_prefix("pub fn "), &current) {
                let method = name.split(['(', '<']).next().unwrap_or_default().to_owned();
                structs.entry(current.clone()).or_default().insert(method);
            }
        }
    }
    Names { structs, endpoints }
}

/// Every name `before` has is in `after`, on the same struct.
fn assert_kept(before: &Names, after: &Names) {
    for (ident, methods) in &before.structs {
        let now = after.structs.get(ident).unwrap_or_else(|| panic!("struct {ident} is gone: {:#?}", after.structs));
        let lost: Vec<&String> = methods.difference(now).collect();
        assert!(lost.is_empty(), "{ident} lost {lost:?}; has {now:?}");
    }
    let lost: Vec<&String> = before.endpoints.difference(&after.endpoints).collect();
    assert!(lost.is_empty(), "endpoint modules lost: {lost:?}");
}

#[test]
fn names_say_what_routes_mean() {
    let names = names(&base_pages());
    let methods = |ident: &str| names.structs.get(ident).cloned().unwrap_or_default();
    let has = |ident: &str, method: &str| {
        assert!(methods(ident).contains(method), "{ident} has no {method}: {:?}", methods(ident));
    };
    has("Root", "users");
    has("Root", "users_with_user_principal_name");
    has("Users", "by_id");
    has("UsersItem", "get");
    has("UsersItem", "patch");
    // Colon paths: the item, then `by_path`.
    has("MeDrive", "root");
    has("MeDriveRoot", "by_path");
    has("MeDriveRoot", "children");
    has("MeDriveRootPath", "content");
    has("DrivesItemItems", "by_id");
    has("DrivesItemItemsItem", "by_path");
    // Functions: their parameters' keys, none for `range()`.
    has("MeDriveItemsItemWorkbookWorksheetsItem", "range");
    has("MeDriveItemsItemWorkbookWorksheetsItem", "range_with_address");
    has("MeDriveItemsItemWorkbookWorksheetsItemChartsItem", "image_with_width_and_height");
    has("Reports", "get_email_activity_user_detail_with_period");
    has("MeMessages", "delta");
    for endpoint in [
        "get_users",
        "get_users_by_id",
        "get_users_with_user_principal_name",
        "put_me_drive_root_by_path_content",
        "put_drives_by_id_items_by_id_by_path_content",
        "get_me_drive_items_by_id_workbook_worksheets_by_id_range_with_address",
        "get_reports_get_email_activity_user_detail_with_period",
    ] {
        assert!(names.endpoints.contains(endpoint), "no {endpoint} in {:?}", names.endpoints);
    }
    // No name is a counter's.
    let counted = |name: &str| name.rsplit_once('_').is_some_and(|(_, n)| n.chars().all(|c| c.is_ascii_digit()));
    let all_methods = names.structs.values().flatten();
    assert!(!all_methods.chain(&names.endpoints).any(|n| counted(n)), "{names:#?}");
}

#[test]
fn a_page_restating_routes_renames_nothing() {
    let before = names(&base_pages());
    let mut pages = base_pages();
    // Sorted first, so it is read before the pages it restates.
    pages.push((
        "v1.0/api/aaa-restated.md".to_owned(),
        page(
            "Restated",
            "GET /Users/{user-id}\nGET /users/{id}/\nGET /me/drive/root:/{path}:/content\nGET /me/drive/root:/{path}\n\
             GET /me/drive/items/{id}/workbook/worksheets/{id}/range(address={address})\n\
             GET /me/drive/items/{id}/workbook/worksheets/{id}/Range({address})\n\
             GET /me/messages/delta\nGET /drives/{drive-id}/items/{parent-id}:/{filename}:",
        ),
    ));
    let after = names(&pages);
    assert_kept(&before, &after);
}

#[test]
fn an_overload_renames_nothing() {
    let before = names(&base_pages());
    let mut pages = base_pages();
    pages.push((
        "v1.0/api/aaa-overloads.md".to_owned(),
        page(
            "Overloads",
            "GET /reports/getEmailActivityUserDetail(date={date_value})\nGET /users(employeeId='{employee-id}')\n\
             GET /me/drive/items/{id}/workbook/worksheets/{id}/range(address='{address}',valuesOnly={values})\n\
             GET /me/drive/items/{id}/workbook/worksheets/{id}/charts/{name}/image(width={w})",
        ),
    ));
    let after = names(&pages);
    assert_kept(&before, &after);
    assert!(after.structs["Root"].contains("users_with_employee_id"));
    assert!(after.structs["Reports"].contains("get_email_activity_user_detail_with_date"));
}
