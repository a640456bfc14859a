//! `cargo xtask names-stability`: the v1.0 corpus plus one page that restates
//! existing routes (another casing, query variants, a colon path, a
//! function's quoting, `delta()`) generates the same public API: every
//! model file, endpoint module and path-tree method of the corpus alone is
//! still there, with the same signature. A docs change elsewhere must not
//! break user code that did not touch that area.

use std::collections::BTreeSet;
use std::path::Path;

/// A page written for this check (not corpus text), sorted before every
/// corpus page so that any "first page wins" rule would let it win.
const RESTATING_PAGE: &str = r#"---
title: "Routes restated elsewhere"
doc_type: apiPageType
---

# Routes restated elsewhere

Namespace: microsoft.graph

A page about something else that lists, in passing, routes other pages document.

## HTTP request

```http
GET /me/messages?$expand=singleValueExtendedProperties($filter=id eq '{id}')
GET /Users/{id}/Messages
GET /me/drive/root:/{item-path}:/children
GET /me/drive/items/{item-id}/children?$expand=thumbnails
PATCH /groups/{group-id}
GET /users/delta()
GET /reports/getEmailActivityUserDetail(period={period_value})
```

## Response

If successful, this method returns a `200 OK` response code and a [message](../resources/message.md) object in the response body.
"#;

/// Every `pub fn ...(...) -> ...` signature (to its body's `{`, whitespace
/// collapsed) and `pub struct` name in a generated file.
fn signatures(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for marker in ["pub fn ", "pub struct ", "pub enum "] {
        for (at, _) in text.match_indices(marker) {
            let rest = &text[at..];
            let end = rest.find(['{', ';']).unwrap_or(rest.len());
            out.insert(rest[..end].split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    out
}

pub fn run(root: &Path) -> Result<Vec<String>, String> {
    let corpus = crate::corpus::corpus_dir(root).join("graph-docs").join("v1.0");
    let extra = crate::target_dir(root).join("names-stability/docs");
    let page = extra.join("api/aaa-restated-routes.md");
    std::fs::create_dir_all(page.parent().ok_or("no parent")?).map_err(|e| e.to_string())?;
    std::fs::write(&page, RESTATING_PAGE).map_err(|e| e.to_string())?;
    let build = |with_extra: bool| {
        let mut generator = mdapi::Generator::new()
            .docs(&corpus)
            .out_dir(crate::target_dir(root).join("names-stability/out"))
            .runtime_path(root.join("crates/mdapi-runtime"));
        if with_extra {
            generator = generator.docs(&extra);
        }
        generator.build().map_err(|e| e.to_string())
    };
    let alone = build(false)?;
    let with = build(true)?;
    let mut failures = Vec::new();
    let mut checked = 0usize;
    for file in alone.files.iter().filter(|f| f.path.starts_with("src/")) {
        let Some(other) = with.files.iter().find(|f| f.path == file.path) else {
            failures.push(format!("{} is gone", file.path));
            continue;
        };
        let kept = signatures(&other.contents);
        for signature in signatures(&file.contents) {
            checked += 1;
            if !kept.contains(&signature) {
                failures.push(format!("{}: `{signature}` changed or is gone", file.path));
            }
        }
    }
    println!(
        "names stability: {} files, {checked} public signatures of the v1.0 SDK; with a page restating 7 routes: {} changed",
        alone.files.len(),
        failures.len()
    );
    for failure in failures.iter().take(20) {
        println!("  {failure}");
    }
    Ok(failures)
}

#[cfg(test)]
mod tests {
    use super::signatures;

    #[test]
    fn signatures_are_read_to_the_body() {
        let text = "pub struct A {\n}\nimpl A {\n    pub fn get(\n        &self,\n    ) -> Result<X, Y> {\n        todo()\n    }\n}\n";
        let found: Vec<String> = signatures(text).into_iter().collect();
        assert_eq!(found, ["pub fn get( &self, ) -> Result<X, Y>", "pub struct A"]);
    }
}
