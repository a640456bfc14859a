//! The path tree generated from pages written here: segments become
//! navigation methods, keys `by_*` methods, function arguments typed
//! parameters, and each route's operations methods that build the same
//! request as its `endpoints` function.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mdapi::DocSet;

const USAGE: &str = "---\ntitle: \"widget: usage\"\ndoc_type: apiPageType\n---\n\n# widget: usage\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nGET /widgets/{widget-id}/usage(since=since-value,days={days})\nGET /me/widgets/{id}/microsoft.graph.delta()\nGET /drive/root:/{item-path}:/content\nGET /widgets(serialNumber='{serial}')\n```\n\n## Function parameters\n\n| Parameter | Type | Description |\n|:---|:---|:---|\n| since | DateTimeOffset | From when. |\n| days | Int32 | How many days. |\n";

fn paths_files() -> Vec<mdapi::File> {
    let analysis = mdapi::analyze(&DocSet::from_memory([("v1.0/api/widget-usage.md", USAGE)]));
    let options = mdapi_codegen::Options {
        crate_name: "graph".to_owned(),
        runtime: mdapi::RuntimeDependency::Version("0.1".to_owned()),
        root: vec!["crate".to_owned()],
    };
    mdapi_codegen::generate(&analysis.api, &options)
        .unwrap()
        .into_iter()
        .filter(|f| f.path.starts_with("src/paths/"))
        .collect()
}

fn file<'a>(files: &'a [mdapi::File], path: &str) -> &'a str {
    &files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no {path}")).contents
}

#[test]
fn function_arguments_are_typed_and_keys_are_by_methods() {
    let files = paths_files();
    let widgets = file(&files, "src/paths/widgets.rs");
    // `{widget-id}` under `widgets` is the widget's key: `by_id`.
    assert!(widgets.contains("pub fn by_id(&self, widget_id: &str) -> WidgetsItem"), "{widgets}");
    // A function's parameters name its method: `usage_with_since_and_days`.
    let usage = widgets.split("pub fn usage_with_since_and_days(").nth(1).expect("a usage method");
    let signature = &usage[..usage.find('{').unwrap()];
    assert!(signature.contains("since: &rt::edm::DateTimeOffset"), "{signature}");
    assert!(signature.contains("days: i32"), "{signature}");
    assert!(widgets.contains("pub fn get("), "the function's GET is a method of its node");
}

#[test]
fn casts_and_colon_paths_are_segments() {
    let files = paths_files();
    let me = file(&files, "src/paths/me.rs");
    assert!(me.contains("pub fn delta(&self)"), "{me}");
    let drive = file(&files, "src/paths/drive.rs");
    assert!(drive.contains("pub fn root(&self)"), "{drive}");
    // `root:/{item-path}:` is `root()` then `by_path(item_path)`.
    assert!(drive.contains("pub fn by_path(&self, item_path: &str)"), "{drive}");
    assert!(drive.contains("pub fn content(&self)"), "{drive}");
    let root = file(&files, "src/paths/mod.rs");
    // An alternate key beside the literal segment it keys.
    for top in [
        "pub fn widgets(&self)",
        "pub fn widgets_with_serial_number(&self, serial: &str)",
        "pub fn me(&self)",
        "pub fn drive(&self)",
    ] {
        assert!(root.contains(top), "{top} in {root}");
    }
}
