//! Operations the client tests share, written as a generated crate writes
//! them (no permissions documented).

use mdapi_runtime::{Operation, PathPart, Permissions};

pub const NO_PERMISSIONS: Permissions = Permissions::UNDOCUMENTED;

pub static GET_USER: Operation = Operation {
    id: "get_users_2",
    method: "GET",
    route: "/users/{id}",
    path: &[PathPart::Literal("/users/"), PathPart::Param("id")],
    permissions: NO_PERMISSIONS,
    source: ("api/user-get.md", 1),
};

pub static IMPORT_WIDGET: Operation = Operation {
    id: "post_widgets_import",
    method: "POST",
    route: "/widgets/{widget-id}/import",
    path: &[PathPart::Literal("/widgets/"), PathPart::Param("widget-id"), PathPart::Literal("/import")],
    permissions: NO_PERMISSIONS,
    source: ("api/widget_import.md", 1),
};
