//! Tables: permissions (read by `crate::permissions`), enum members,
//! request headers, parameters, and property tables (request body,
//! Properties, Relationships).

use super::sections::{enum_heading_name, Section};
use super::{EnumDef, EnumMemberRow, HeaderRow, ParameterLocation, PropertyRow, Reader};
use crate::markdown::{Inline, Table};
use crate::permissions;

impl Reader<'_> {
    pub(super) fn table(&mut self, table: Table) {
        for cell in table.header.iter().chain(table.rows.iter().flatten()) {
            self.page.links.extend(cell.links.iter().cloned());
        }
        let section = self.section();
        if section == Section::Permissions || permissions::is_permission_table(&table) {
            if permissions::is_permission_table(&table) {
                let condition = self.permission_heading();
                let read = permissions::read(&table, condition, self.path, self.diagnostics);
                self.page.permissions.push(read);
            }
            return;
        }
        if section == Section::Enum {
            self.enum_table(&table);
            return;
        }
        if section == Section::RequestHeaders {
            self.page.request_headers.extend(header_rows(&table));
            return;
        }
        if section == Section::Parameters {
            let heading = self
                .stack
                .iter()
                .rev()
                .find(|(_, kind, _)| *kind == Section::Parameters)
                .map(|(_, _, t)| t.to_ascii_lowercase());
            let location = match heading.as_deref() {
                Some(h) if h.contains("query") => ParameterLocation::Query,
                Some(h) if h.contains("path") => ParameterLocation::Path,
                _ => ParameterLocation::Function,
            };
            self.page.parameters.extend(property_rows(&table, false).into_iter().map(|row| (location, row)));
            return;
        }
        if matches!(section, Section::RequestBody | Section::Properties | Section::Relationships) {
            let rows = property_rows(&table, section == Section::Relationships);
            if section == Section::RequestBody {
                self.page.request_body.properties.extend(rows);
            } else {
                self.page.properties.extend(rows);
            }
        }
    }

    /// An enum's name: from its `x values` heading, else (`## Members`)
    /// from the page title's first word.
    fn enum_name(&self) -> Option<String> {
        let heading = self.stack.iter().rev().find(|(_, kind, _)| *kind == Section::Enum).map(|(_, _, text)| text)?;
        if let Some(name) = enum_heading_name(heading) {
            return Some(name.to_owned());
        }
        self.page.title.as_ref()?.text.split_whitespace().next().map(str::to_owned)
    }

    fn enum_table(&mut self, table: &Table) {
        let header: Vec<String> = table.header.iter().map(|c| c.text.trim().to_ascii_lowercase()).collect();
        let Some(first) = header.first() else { return };
        if !matches!(first.as_str(), "member" | "members" | "name" | "value") {
            return;
        }
        let Some(name) = self.enum_name() else { return };
        let value_at = header.iter().position(|h| h == "value").filter(|&i| i > 0);
        let description_at = header.iter().position(|h| h == "description");
        let members = table
            .rows
            .iter()
            .filter_map(|row| {
                let cell = row.first()?;
                let member = name_cell(cell);
                (!member.is_empty()).then(|| EnumMemberRow {
                    name: member.to_owned(),
                    value: cell_text(row, value_at),
                    description: cell_text(row, description_at).unwrap_or_default(),
                    span: cell.span,
                })
            })
            .collect();
        self.page.enums.push(EnumDef { name, members, span: table.span });
    }
}

/// Whether a table cell reads as a type: a link (`[message](message.md)`),
/// an Edm primitive, or either as a collection.
fn names_a_type(cell: &Inline) -> bool {
    if !cell.links.is_empty() {
        return true;
    }
    let text = cell.text.trim().trim_matches('`');
    let text = crate::type_spelling::collection_element(text).unwrap_or(text);
    // The spellings the IR reads as primitives (`long`, `bool`,
    // `Edm.Int32`): one reader, so a `Value` column of them is a type column.
    crate::type_spelling::primitive(text).is_some()
}

/// Other headings of a property table's type column.
const TYPE_HEADERS: &[&str] = &["value", "data type", "datatype", "type of value", "value type"];

const NAME_HEADERS: &[&str] =
    &["property", "name", "parameter", "property name", "parameter name", "relationship", "relationship name"];

/// A name column's cell: trimmed, code backticks dropped.
fn name_cell(cell: &Inline) -> &str {
    cell.text.trim().trim_matches('`').trim()
}

/// A property cell's name and the note written after it:
/// `tollFreeNumber (deprecated)` is `tollFreeNumber`, noted `deprecated`.
fn property_name(text: &str) -> (&str, Option<&str>) {
    let noted = text.strip_suffix(')').and_then(|t| t.split_once(" ("));
    match noted {
        Some((name, note)) if !name.contains(char::is_whitespace) => (name.trim(), Some(note.trim())),
        _ => (text, None),
    }
}

/// The trimmed text of column `at` of a row, if the column and cell exist.
fn cell_text(row: &[Inline], at: Option<usize>) -> Option<String> {
    at.and_then(|i| row.get(i)).map(|c| c.text.trim().to_owned())
}

/// `Name|Description`, `Header|Value`, `Name|Type|Description`.
fn header_rows(table: &Table) -> Vec<HeaderRow> {
    let header: Vec<String> = table.header.iter().map(|c| c.text.trim().to_ascii_lowercase()).collect();
    if !header.first().is_some_and(|h| matches!(h.as_str(), "name" | "header" | "request header" | "header name")) {
        return Vec::new();
    }
    let text_at =
        header.iter().position(|h| h == "description" || h == "value").unwrap_or(header.len().saturating_sub(1));
    table
        .rows
        .iter()
        .filter_map(|row| {
            let name = row.first()?;
            let name_text = name_cell(name);
            (!name_text.is_empty()).then(|| HeaderRow {
                name: name_text.to_owned(),
                description: cell_text(row, Some(text_at)).unwrap_or_default(),
                span: name.span,
            })
        })
        .collect()
}

fn property_rows(table: &Table, relationship: bool) -> Vec<PropertyRow> {
    let header: Vec<String> = table.header.iter().map(|c| c.text.trim().to_ascii_lowercase()).collect();
    let Some(name_at) = header.iter().position(|h| NAME_HEADERS.contains(&h.as_str())) else { return Vec::new() };
    // The type column is headed `Type` on most pages, `Value`, `Data type`
    // or `Type of value` on others (another team's pages, older Graph ones).
    // A `Value` column is a type column only when every cell names a type:
    // a `Name | Value` table of literal pairs (`extensionName |
    // %unique_string%`) describes a body, it types nothing.
    let type_at = header.iter().position(|h| h == "type").or_else(|| {
        let at = header.iter().position(|h| TYPE_HEADERS.contains(&h.as_str()))?;
        let typed = table.rows.iter().filter_map(|row| row.get(at)).all(names_a_type);
        (header[at] != "value" || typed).then_some(at)
    });
    let Some(type_at) = type_at else { return Vec::new() };
    let description_at = header.iter().position(|h| h == "description");
    let required_at = header.iter().position(|h| matches!(h.as_str(), "required" | "required?" | "is required"));
    table
        .rows
        .iter()
        .filter_map(|row| {
            let name = row.get(name_at)?;
            let kind = row.get(type_at)?;
            let description_cell = description_at.and_then(|i| row.get(i));
            let (name_text, note) = property_name(name_cell(name));
            if name_text.is_empty() {
                return None;
            }
            let description = description_cell.map(|d| d.text.trim()).unwrap_or_default();
            Some(PropertyRow {
                name: name_text.to_owned(),
                type_text: kind.text.trim().to_owned(),
                type_links: kind.links.clone(),
                description: note.map_or_else(|| description.to_owned(), |note| format!("({note}) {description}")),
                description_links: description_cell.map(|d| d.links.clone()).unwrap_or_default(),
                relationship,
                required_column: required_at.and_then(|i| row.get(i)).map(|cell| {
                    let answer = cell.text.trim().trim_matches(|c: char| c == '*' || c == '`').to_ascii_lowercase();
                    matches!(answer.as_str(), "yes" | "true" | "required" | "y")
                }),
                span: name.span,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::page::HEAD;
    use crate::parse_page;

    /// The kind: a property cell with a note after the name
    /// (`tollFreeNumber (deprecated)`) named a property no example uses.
    #[test]
    fn a_note_after_a_property_name_is_not_part_of_it() {
        let text = "---\ndoc_type: resourcePageType\n---\n# call resource type\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| tollFreeNumber (deprecated) | String | The number. |\n| tollFreeNumbers | String collection | The numbers. |\n";
        let (page, _) = parse_page("resources/call.md", text);
        let rows: Vec<(&str, &str)> =
            page.properties.iter().map(|p| (p.name.as_str(), p.description.as_str())).collect();
        assert_eq!(rows, [("tollFreeNumber", "(deprecated) The number."), ("tollFreeNumbers", "The numbers.")]);
    }

    /// The kind: request-body tables whose type column is not headed
    /// `Type` were skipped with no word, so the call took no body.
    #[test]
    fn a_type_column_headed_value_is_read() {
        let text = HEAD.replace(
            "## Response",
            "## Request body\n\n| Parameter | Value | Description |\n|:--|:--|:--|\n| message | [message](../resources/message.md) | The message. |\n| saveToSentItems | Boolean | Whether to save. |\n\n## Response",
        );
        let (page, _) = parse_page("api/user-sendmail.md", &text);
        let rows: Vec<(&str, &str)> =
            page.request_body.properties.iter().map(|r| (r.name.as_str(), r.type_text.as_str())).collect();
        assert_eq!(rows, [("message", "message"), ("saveToSentItems", "Boolean")]);
        // A `Name | Value` table of literal pairs types nothing.
        let pairs = HEAD.replace(
            "## Response",
            "## Request body\n\n| Name | Value |\n|:--|:--|\n| @odata.type | microsoft.graph.openTypeExtension |\n| extensionName | %unique_string% |\n\n## Response",
        );
        let (page, _) = parse_page("api/extension-post.md", &pairs);
        assert!(page.request_body.properties.is_empty(), "{:?}", page.request_body.properties);
    }

    /// The kind: the parser kept its own list of primitive spellings, which
    /// lacked the aliases the IR reads (`long`, `bool`, `integer`,
    /// `number`), so a `Value` column of them was no type column and the
    /// body was dropped. Both now ask `type_spelling`.
    #[test]
    fn a_value_column_of_aliases_the_ir_reads_is_a_type_column() {
        let text = HEAD.replace(
            "## Response",
            "## Request body\n\n| Parameter | Value | Description |\n|:--|:--|:--|\n| count | long | How many. |\n| force | bool | Whether to force. |\n| ratio | number | How much. |\n\n## Response",
        );
        let (page, _) = parse_page("api/thing-run.md", &text);
        let rows: Vec<&str> = page.request_body.properties.iter().map(|r| r.type_text.as_str()).collect();
        assert_eq!(rows, ["long", "bool", "number"]);
    }

    #[test]
    fn headers_and_parameters_are_read() {
        let text = format!("{HEAD}## Path parameters\n\n|Parameter|Type|Description|\n|:--|:--|:--|\n|id|String|The thing.|\n\n## Optional query parameters\n\n|Name|Type|Description|\n|:--|:--|:--|\n|$top|Int32|How many.|\n\n## Request headers\n\n|Header|Value|\n|:--|:--|\n|Authorization|Bearer {{token}}. Required.|\n");
        let (page, _) = parse_page("api/thing-get.md", &text);
        let params: Vec<_> =
            page.parameters.iter().map(|(at, row)| (*at, row.name.as_str(), row.type_text.as_str())).collect();
        assert_eq!(
            params,
            [(super::ParameterLocation::Path, "id", "String"), (super::ParameterLocation::Query, "$top", "Int32")]
        );
        assert_eq!(page.request_headers.len(), 1);
        assert_eq!(page.request_headers[0].name, "Authorization");
        assert!(page.request_headers[0].description.contains("Required"));
    }
}
