//! `mdapi explain <CODE>`: what each diagnostic means, with a wrong and a
//! right snippet of markdown, like `rustc --explain`. The `match` has no
//! wildcard, so a new code without an entry does not compile.

use mdapi_parse::Code;

/// The long form of one code.
pub struct Explanation {
    pub meaning: &'static str,
    pub wrong: &'static str,
    pub right: &'static str,
}

const fn entry(meaning: &'static str, wrong: &'static str, right: &'static str) -> Explanation {
    Explanation { meaning, wrong, right }
}

pub fn explain(code: Code) -> Explanation {
    match code {
        Code::InternalError => entry(
            "mdapi itself failed on this page (a panic was caught). The page is skipped; the rest of the run goes on. Please report it with the page.",
            "(any page that triggers a bug)",
            "(no change to the page is needed; mdapi must be fixed)",
        ),
        Code::PageUnreadable => entry("The page could not be read from disk (permissions, a broken link, an I/O error).", "-r-------- root api/user-get.md", "-rw-r--r-- user api/user-get.md"),
        Code::PageNotUtf8 => entry("The page is not valid UTF-8; invalid bytes were replaced with U+FFFD.", "Caf\\xE9 (Latin-1 bytes)", "Café (saved as UTF-8)"),
        Code::PageDuplicate => entry(
            "Two docs folders given together hold a page at the same relative path; the second is skipped.",
            "mdapi lint --docs docs/v1.0 --docs docs/beta   # both have api/user-get.md",
            "mdapi lint --docs docs   # pages are v1.0/api/... and beta/api/...",
        ),
        Code::DiagnosticsCapped => entry(
            "A page had more diagnostics of one code than are shown (20); the note says how many were left out.",
            "(a page with 300 broken links)",
            "(fix the shown ones and run again)",
        ),
        Code::PageKindUnknown => entry(
            "The front matter has no known `doc_type`, and nothing on the page defines an operation or type.",
            "---\ntitle: \"Intune overview\"\n---",
            "---\ntitle: \"Intune overview\"\ndoc_type: conceptualPageType\n---",
        ),
        Code::PageKindMismatch => entry(
            "The page says it is a resource page but documents routes; it is read as an API page.",
            "doc_type: resourcePageType\n...\n## HTTP request\n```http\nGET /users/{id}/ownedObjects\n```",
            "doc_type: apiPageType",
        ),
        Code::PageEmpty => entry(
            "A resource or enum page defines nothing mdapi can read: no properties table, enum table or resource annotation.",
            "# widget resource type\n\nA widget.",
            "# widget resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The identifier. |",
        ),
        Code::FrontMatterInvalid => entry(
            "The YAML front matter does not parse; keys were read line by line instead.",
            "---\ntitle: Get user: by id\n---",
            "---\ntitle: \"Get user: by id\"\n---",
        ),
        Code::AnnotationInvalid => entry(
            "An annotation comment does not hold a JSON object, so the block after it is not known.",
            "<!-- { \"blockType\": \"request\", \"name\": \"get_user\", } -->",
            "<!-- { \"blockType\": \"request\", \"name\": \"get_user\" } -->",
        ),
        Code::AnnotationTrailingText => entry(
            "Text follows the JSON object inside an annotation comment; it is ignored.",
            "<!-- { \"blockType\": \"response\" } // Note: shortened -->",
            "<!-- { \"blockType\": \"response\", \"truncated\": true } -->",
        ),
        Code::AnnotationUnclosed => entry("An HTML comment is never closed and hides the rest of the page.", "<!-- { \"blockType\": \"request\" }\n```http", "<!-- { \"blockType\": \"request\" } -->\n```http"),
        Code::FenceUnclosed => entry(
            "A code fence is not closed, so the markdown after it (headings, annotations) is read as code.",
            "```http\nGET /me\n### Response",
            "```http\nGET /me\n```\n### Response",
        ),
        Code::AnnotationDangling => entry(
            "An example annotation is not followed by a code block, so it annotates nothing.",
            "<!-- { \"blockType\": \"request\" } -->\nThe request:\n```http",
            "The request:\n<!-- { \"blockType\": \"request\" } -->\n```http",
        ),
        Code::ExampleUnannotated => entry(
            "An example block has no annotation; mdapi recognized it as a request or response by its first line.",
            "### Request\n```http\nGET https://graph.microsoft.com/v1.0/me\n```",
            "### Request\n<!-- { \"blockType\": \"request\", \"name\": \"get_me\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/me\n```",
        ),
        Code::BlockTypeUnknown => entry(
            "An annotation's `blockType` is not one mdapi knows; the block is ignored.",
            "<!-- { \"blockType\": \"requests\" } -->",
            "<!-- { \"blockType\": \"request\" } -->",
        ),
        Code::HttpBlockMissing => entry(
            "An API page has no ```http block of routes under an `HTTP request` heading, so it defines no operation.",
            "## HTTP request\n\nGET /me",
            "## HTTP request\n\n```http\nGET /me\n```",
        ),
        Code::RouteInvalid => entry(
            "A line of the HTTP request block is not `METHOD /path`; it defines no operation.",
            "```http\nPOST ** Collection URI for microsoft.graph.photo not found\n```",
            "```http\nPOST /users/{id}/photos\n```",
        ),
        Code::RouteNonstandard => entry(
            "A route is written in a non-standard form and was read anyway: no leading `/`, a `~/` prefix, `<name>` placeholders.",
            "GET policies/<policyId>",
            "GET /policies/{policyId}",
        ),
        Code::RouteTooDeep => entry(
            "A route has more than 64 segments. Its operation gets an endpoint function (`endpoints::<id>::request`) but no builder in the path tree, which nests one struct per segment.",
            "GET /s0/{p1}/s2/{p3}/.../s500",
            "GET /things/{id}/parts",
        ),
        Code::RouteDuplicate => entry("The same route (method, path and query) is listed twice.", "GET /me\nGET /me", "GET /me"),
        Code::PermissionPlaceholder => entry(
            "A permissions cell is a placeholder or empty, so the scopes are unknown.",
            "|Application|**TODO: Determine scopes **|",
            "|Application|User.Read.All|",
        ),
        Code::PermissionTableMissing => entry(
            "An API page has no permissions table (nor a permissions include).",
            "## Permissions\n\nSee the permissions reference.",
            "## Permissions\n\n|Permission type|Permissions (from least to most privileged)|\n|:--|:--|\n|Application|User.Read.All|",
        ),
        Code::IncludeMissing => entry(
            "A `[!INCLUDE]` that holds the page's permissions points to no file in the doc set.",
            "[!INCLUDE [permissions-table](../includes/permissions/user-get-permissions.md)]   # file absent",
            "(add includes/permissions/user-get-permissions.md, or pass the folder holding it with --docs)",
        ),
        Code::PermissionUnreadable => entry(
            "A permission cell holds text that is not a scope name (`Word.Word`) nor a form mdapi reads (lists, `and`, `plus`, `One from`, conditions). The text is reported and never kept as a scope; the rest of the cell still counts.",
            "|Delegated (work or school account)|Role required to [create a subscription](x.md) or Subscription.Read.All|",
            "|Delegated (work or school account)|Subscription.Read.All|\n\nOr the permission the subscription's resource needs (see [Create subscription](x.md)).",
        ),
        Code::PermissionFormsMixed => entry(
            "A permission cell mixes forms, so its reading is a guess: `A, B and C` (read as all three, but `A` or `B and C` is as likely), or scopes with and without a condition in one cell.",
            "|Application|Policy.Read.All, Policy.ReadWrite.ConditionalAccess and Application.Read.All|",
            "|Application|Policy.Read.All and Policy.ReadWrite.ConditionalAccess and Application.Read.All|",
        ),
        Code::PermissionNoteMissing => entry(
            "A scope is marked with `*`, but no note under the table says what the mark means; the scope is kept without a note.",
            "|Application|TeamSettings.Read.Group*, TeamSettings.Read.All|",
            "|Application|TeamSettings.Read.Group*, TeamSettings.Read.All|\n\n> **Note**: Permissions marked with * use resource-specific consent.",
        ),
        Code::PermissionConditionUnbound => entry(
            "The page gives permissions per resource (`For user resource: ...`), and this route addresses none of the resources named, so every set is kept with its condition and `least_privileged` reports the call as conditional.",
            "|Application|For **user** resource: User.Read.All<br>For **group** resource: Group.Read.All|\n\nPOST /photos/batch",
            "|Application|For **user** resource: User.Read.All<br>For **group** resource: Group.Read.All|\n\nGET /users/{id}/photo\nGET /groups/{id}/photo",
        ),
        Code::PermissionScopeRare => entry(
            "A scope name appears on one page of a large doc set only; it is most likely a typo of a common one (the help names the closest).",
            "|Delegated (work or school account)|Group.Read.WriteAll|",
            "|Delegated (work or school account)|Group.ReadWrite.All|",
        ),
        Code::PermissionRowUnknown => entry(
            "A permissions row names no account type.",
            "|Delegated|User.Read|",
            "|Delegated (work or school account)|User.Read|",
        ),
        Code::ExampleHttpInvalid => entry(
            "An annotated example is not an HTTP request (method and URL) or response (status line).",
            "<!-- { \"blockType\": \"response\" } -->\n```http\n201 Created\n```",
            "<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 201 Created\n```",
        ),
        Code::ExampleBodyInvalid => entry(
            "An example body that claims to be JSON does not parse, even leniently; it is not checked.",
            "{\n  \"displayName\": \"Ada\n}",
            "{\n  \"displayName\": \"Ada\"\n}",
        ),
        Code::ExampleBodyUntyped => entry(
            "The page gives an example body but names no type for it (no link in the Request body or Response section, no `@odata.type` in the response annotation or the body). The endpoint returns such a body as `serde_json::Value`, and the example's test checks only that it is JSON.",
            "## Response\n\nIf successful, this action returns a `200 OK` response code and a collection in the response body.",
            "## Response\n\nIf successful, this action returns a `200 OK` response code and a String collection in the response body.\n\n<!-- { \"blockType\": \"response\", \"@odata.type\": \"Collection(Edm.String)\" } -->",
        ),
        Code::ExampleBodyLenient => entry(
            "An example body is not strict JSON (trailing commas, comments, `...`); mdapi read it leniently, other tools may not.",
            "{\n  \"id\": \"1\",\n  ...\n}",
            "{\n  \"id\": \"1\"\n}",
        ),
        Code::ExampleResponseBare => entry(
            "A response example is a bare JSON body; its status was taken from the Response section.",
            "```json\n{ \"id\": \"1\" }\n```",
            "```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{ \"id\": \"1\" }\n```",
        ),
        Code::ExampleResponseWrapped => entry(
            "A response example shows a single entity wrapped in `{\"value\": {...}}`, as many intune pages do. Graph wraps only collections in `value`; a single entity comes as the object itself. mdapi checks the entity inside against its type.",
            "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"value\": {\n    \"@odata.type\": \"#microsoft.graph.deviceCategory\",\n    \"id\": \"f881b841-b841-f881-41b8-81f841b881f8\"\n  }\n}",
            "HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"@odata.type\": \"#microsoft.graph.deviceCategory\",\n  \"id\": \"f881b841-b841-f881-41b8-81f841b881f8\"\n}",
        ),
        Code::ExampleBodyMissing => entry(
            "An example request sends no body, but its operation takes one (the page documents a request body, or the call is an update); or an example response shows no body (a bare `201 Created`), but the operation answers one. Nothing can be sent or checked as documented, so the example is not sent through the client.",
            "PATCH https://graph.microsoft.com/v1.0/teams/1/channels/2",
            "PATCH https://graph.microsoft.com/v1.0/teams/1/channels/2\nContent-type: application/json\n\n{ \"description\": \"New\" }",
        ),
        Code::ExampleArgumentMissing => entry(
            "An example leaves out a query parameter or request header that the page marks Required (in the route, as `?name={value}`, or in a table). The generated call takes each as an argument, so the example cannot be made as documented and is not sent through the client.",
            "GET /me/calendarView?startDateTime={start}&endDateTime={end}   # route\nGET https://graph.microsoft.com/v1.0/me/calendarView   # example",
            "GET https://graph.microsoft.com/v1.0/me/calendarView?startDateTime=2024-01-01T00:00:00Z&endDateTime=2024-01-02T00:00:00Z",
        ),
        Code::ExampleResponseTypeDisagrees => entry(
            "A response annotation's `@odata.type` differs from the type the operation answers. The operation's type is settled per route from its examples' annotations (the most common; the base where they are base and derived) and, failing those, the Response section; every example of the route is checked against that type, because that is what the generated call decodes. Another route documented on two pages, or a copied annotation, is the usual cause.",
            "<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thumbnailSet\", \"isCollection\": true } -->   # on GET /me/drive/items/{id}/children",
            "<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.driveItem\", \"isCollection\": true } -->",
        ),
        Code::ExampleResponseExtra => entry(
            "A further response follows an example's response (an error, a redirect); only the first is checked.",
            "(request)\n(response 204)\n(response 207)",
            "(request)\n(response 204)\n\n(second request)\n(response 207)",
        ),
        Code::ExampleResponseUnpaired => entry(
            "A response example has no request example before it.",
            "<!-- { \"blockType\": \"response\", \"name\": \"get_b\" } -->   # no request named get_b",
            "<!-- { \"blockType\": \"request\", \"name\": \"get_b\" } -->\n...\n<!-- { \"blockType\": \"response\", \"name\": \"get_b\" } -->",
        ),
        Code::ExampleNameDuplicate => entry(
            "Two examples in the doc set share a name; their tests get the page's name appended.",
            "<!-- { \"blockType\": \"request\", \"name\": \"create_photo\" } -->   # also on another page",
            "<!-- { \"blockType\": \"request\", \"name\": \"create_user_photo\" } -->",
        ),
        Code::ExampleUrlUnmatched => entry(
            "The example's URL fits none of the page's routes; its test asserts that, and flips when the page is fixed.",
            "```http\nPOST /me/photos/$ref\n```\n...\nPOST https://graph.microsoft.com/beta/me/photos",
            "POST https://graph.microsoft.com/beta/me/photos/$ref",
        ),
        Code::ExampleRouteAdopted => entry(
            "The example calls the page's operation through a route (a colon path, another key) that the HTTP request block does not list. The route is written as a template and ends like one of the page's routes with the same method, so it is generated as a route of that operation, below the listed ones.",
            "```http\nPOST /me/drive/items/{item-id}/createUploadSession\n```\n...\nPOST /me/drive/root:/{item-path}:/createUploadSession",
            "```http\nPOST /me/drive/items/{item-id}/createUploadSession\nPOST /me/drive/root:/{item-path}:/createUploadSession\n```",
        ),
        Code::ExampleTypeMismatch => entry(
            "An example value cannot be a value of the type the tables declare; the example's test asserts decoding fails.",
            "|height|Int32||\n...\n{ \"height\": \"Integer\" }",
            "|height|Int32||\n...\n{ \"height\": 6 }",
        ),
        Code::ExamplePropertyUnknown => entry(
            "An example uses a property its type's tables do not list; it decodes into `additional_properties`.",
            "| id | String | |\n...\n{ \"id\": \"1\", \"nickname\": \"A\" }",
            "| id | String | |\n| nickname | String | |",
        ),
        Code::ExampleValueLenient => entry(
            "An example value is in a form OData does not define but services send, and the generated models read it: a DateTimeOffset without an offset (read as UTC), a date-time where a Date is declared (its date is read), an empty string where a GUID, date, time or duration is declared (`Field::Empty`). Each is written back exactly as it came.",
            "| expirationDateTime | DateTimeOffset | |\n...\n{ \"expirationDateTime\": \"2024-02-08T12:07:31\" }",
            "{ \"expirationDateTime\": \"2024-02-08T12:07:31Z\" }",
        ),
        Code::ExampleTypeTagMissing => entry(
            "A value where an abstract type is declared, or one with properties only a derived type has, does not say which type it is. OData reads a value without `@odata.type` as the declared type, so the service refuses an abstract one (422) and drops or refuses a derived type's properties. The generated SDK always sends the tag of a derived value put where its base is declared.",
            "POST /me/messages/{id}/attachments   # takes the abstract attachment\n{ \"name\": \"notes.txt\", \"contentBytes\": \"bm90ZXM=\" }",
            "{ \"@odata.type\": \"#microsoft.graph.fileAttachment\", \"name\": \"notes.txt\", \"contentBytes\": \"bm90ZXM=\" }",
        ),
        Code::NamespaceMismatch => entry(
            "An `@odata.type` names another namespace than the page's.",
            "Namespace: microsoft.graph\n...\n\"@odata.type\": \"#Microsoft.Teams.GraphSvc.profilePhoto\"",
            "\"@odata.type\": \"#microsoft.graph.profilePhoto\"",
        ),
        Code::LinkMissingPage => entry(
            "A link points to a page that is not in the doc set.",
            "[profilePhoto](../resources/profilephoto.md)   # no such page",
            "(add resources/profilephoto.md, or fix the link's path)",
        ),
        Code::TypeUnresolved => entry(
            "A property's type cell is empty or not a type; the property is not generated.",
            "| size | maximum 20 | The size. |",
            "| size | Int32 | The size, at most 20. |",
        ),
        Code::TypeIncomplete => entry(
            "A type has no page of its own; it is generated, open, from what other pages say about it.",
            "| owner | [identity](identity.md) | |   # identity.md absent",
            "(add resources/identity.md with its properties table)",
        ),
        Code::ResourceJsonMismatch => entry(
            "A resource page's JSON representation and its properties table list different properties.",
            "| printerID | String | |\n...\n{ \"printerId\": \"String\" }",
            "| printerId | String | |\n...\n{ \"printerId\": \"String\" }",
        ),
        Code::IncludeSelf => entry(
            "A permissions `[!INCLUDE]` points at the page that holds it. mdapi does not follow includes inside included files, so this cannot loop, but the page's permissions stay unknown.",
            "<!-- in api/user-get.md -->\n[!INCLUDE [permissions-table](user-get.md)]",
            "[!INCLUDE [permissions-table](../includes/permissions/user-get-permissions.md)]",
        ),
        Code::TypeNameCase => entry(
            "Two resource pages define types whose qualified names differ only in case. Graph resolves type names case-insensitively, so mdapi merges them into one type with the properties of both; the page that spells the name differently is probably a typo or a duplicate.",
            "<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.Type\" } -->   (in type-upper.md, while type.md defines microsoft.graph.type)",
            "<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.typeLabel\" } -->",
        ),
        Code::TypeNamesPrimitive => entry(
            "A type is named like an Edm primitive (`String`, `Int32`, `Boolean`) with a namespace or a link, and no page defines it. It is read as the primitive: a generated type of that name would shadow Rust's own (`String`) wherever the models are imported.",
            "<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.String\" } -->",
            "<!-- { \"blockType\": \"response\", \"@odata.type\": \"Edm.String\" } -->",
        ),
        Code::PageKindInferred => entry(
            "The front matter has no known `doc_type`, so the page's kind was read from what it holds: routes under an HTTP request heading make an API page; a resource annotation or a Properties table, a resource page; a Members table, an enum page.",
            "---\ntitle: Widget\n---\n# Widget resource type\n\n## Properties\n| Property | Type | Description |",
            "---\ntitle: Widget\ndoc_type: resourcePageType\n---\n# Widget resource type",
        ),
        Code::VersionsMixed => entry(
            "The doc set holds pages of more than one API version (their version folders, or docs folders, differ). They are merged into one API and one namespace, so each version's types and routes meet the other's; generate each version on its own.",
            "mdapi gen --docs api-reference   # holds v1.0/ and beta/",
            "mdapi gen --docs api-reference/v1.0 --out sdk-v1\nmdapi gen --docs api-reference/beta --out sdk-beta",
        ),
        Code::ExampleVersionMismatch => entry(
            "An example calls another API version than the page documents (its version folder or docs folder): readers copying it call an API the page does not describe.",
            "(in v1.0/api/user-get.md)\nGET https://graph.microsoft.com/beta/users/{id}",
            "GET https://graph.microsoft.com/v1.0/users/{id}",
        ),
        Code::ExampleUrlUndocumented => entry(
            "A page with no routes of its own (a concept or resource page) shows a call that no page of the doc set documents, so there is nothing to check the example against.",
            "(in resources/planner.md)\nGET https://graph.microsoft.com/v1.0/planner   # no page has `GET /planner`",
            "(document `GET /planner` on its API page, or fix the example's URL)",
        ),
        Code::LinkCaseMismatch => entry(
            "A link's target differs from a page of the doc set only in letter case. It opens where file names ignore case (Windows, macOS) and breaks where they do not (Linux hosts, git).",
            "[widget](../resources/Widget.md)   # the page is resources/widget.md",
            "[widget](../resources/widget.md)",
        ),
        Code::ResourceJsonInvalid => entry(
            "The JSON representation after a resource annotation is not JSON even read leniently (a missing comma, say), so it is not checked against the tables. The diagnostic points where the JSON breaks; for a missing comma, where the comma goes.",
            "{\n  \"id\": \"String\"\n  \"size\": 1024\n}",
            "{\n  \"id\": \"String\",\n  \"size\": 1024\n}",
        ),
        Code::BaseTypeConflict => entry(
            "A resource page's annotation and its text name different base types. When one of the two derives from the other, the more derived one is the base (a value of the type then decodes where either base is declared); otherwise the annotation's.",
            "Inherits from [directoryObject](directoryobject.md).\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.orgContact\", \"baseType\": \"microsoft.graph.entity\" } -->",
            "Inherits from [directoryObject](directoryobject.md).\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.orgContact\", \"baseType\": \"microsoft.graph.directoryObject\" } -->",
        ),
        Code::TypeTooLarge => entry(
            "A type has more properties, with those of its base types, than a generated struct holds (4,000: rustc overflows its stack deriving `PartialEq` for a struct of about 5,000 to 7,500 fields). The widest type of its base chain is generated open, without its properties: every property of a value decodes into the struct's map of properties.",
            "## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| property0 | String | |\n| ... (100,000 rows) | | |",
            "(split the type into types of at most 4,000 properties, e.g. a base type and derived types, or nested complex types)",
        ),
        Code::TypeAlternatives => entry(
            "A type cell names several types (`[A](a.md) or [B](b.md)`). A property has one type, so it takes the alternatives' nearest common base; when they have none, it takes any JSON value.",
            "| target | [userSet](userset.md) or [ipRange](iprange.md) | Who. |",
            "| target | [subjectSet](subjectset.md) | Who: a [userSet](userset.md) or a [groupSet](groupset.md). |",
        ),
        Code::TypeNameInvalid => entry(
            "A qualified type name has a part that is not an OData identifier (a letter or `_`, then letters, digits or `_`): empty parts, slashes, spaces. The type is still generated, under a sanitized Rust name.",
            "<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph..my type\" } -->",
            "<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.myType\" } -->",
        ),
        Code::TypeConflict => entry(
            "Two pages give one property different types; the first page's is used.",
            "user-get.md:  | age | Int32 | |\nuser-update.md: | age | String | |",
            "user-get.md:  | age | Int32 | |\nuser-update.md: | age | Int32 | |",
        ),
    }
}

/// The text `mdapi explain` prints.
pub fn render(code: Code) -> String {
    let e = explain(code);
    format!(
        "{code} ({severity:?}): {summary}\n\n{meaning}\n\nWrong:\n\n{wrong}\n\nRight:\n\n{right}\n",
        severity = code.severity(),
        summary = code.summary(),
        meaning = e.meaning,
        wrong = indent(e.wrong),
        right = indent(e.right),
    )
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
}

/// The code with this public name.
pub fn code_named(name: &str) -> Option<Code> {
    Code::ALL.iter().copied().find(|c| c.as_str() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_an_entry() {
        for &code in Code::ALL {
            let e = explain(code);
            assert!(!e.meaning.is_empty() && !e.wrong.is_empty() && !e.right.is_empty(), "{code}");
            assert_ne!(e.wrong, e.right, "{code}");
            assert_eq!(code_named(code.as_str()), Some(code));
            assert!(render(code).contains("Wrong:"));
        }
        assert_eq!(code_named("no-such-code"), None);
    }
}
