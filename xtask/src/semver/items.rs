//! Rust items of a generated crate traced back to what the docs say they
//! are, so that a break cargo-semver-checks reports can be set beside the
//! changes `mdapi diff` lists. Models and endpoint modules are found through
//! the naming plan the generator used; path-tree items through the route
//! their doc comment names (every path-tree item's doc starts with it).

use std::collections::BTreeMap;
use std::path::PathBuf;

use mdapi::diff::{Change, Kind};
use mdapi_codegen::names::{camel, snake};
use mdapi_codegen::plan::{key, Plan};
use mdapi_ir::Api;

use super::findings::Finding;

/// What in the docs a Rust item stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// An operation, by mdapi diff's key (`GET /users/{}`).
    Operation(String),
    /// The operations at or under a route of the path tree (a node's
    /// struct or a navigation method), as a [`route_shape`].
    Route(Vec<String>),
    /// An API area: a Cargo feature.
    Area(String),
    /// Any of these types (keys): a model, or for a polymorphic type's
    /// `Any…` enum the types derived from it.
    Types(Vec<String>),
    /// A struct's field: the struct's type and the types it inherits
    /// properties from (keys), and the field's Rust name.
    Field { types: Vec<String>, field: String },
    /// An enum's member: the enum's type key and the variant's Rust name.
    Variant { ty: String, variant: String },
}

/// One generated crate: its API, naming plan and folder.
pub struct Crate<'a> {
    pub api: &'a Api,
    pub plan: Plan,
    pub dir: PathBuf,
    /// Type key by the file its items are written to.
    by_file: BTreeMap<String, String>,
    /// Operation index by endpoint module.
    by_module: BTreeMap<String, usize>,
}

impl<'a> Crate<'a> {
    pub fn new(api: &'a Api, dir: PathBuf) -> Self {
        let plan = Plan::new(api, &["crate".to_owned()]);
        let by_file = plan
            .types
            .iter()
            .map(|(key, name)| {
                let dirs: String = name.modules.iter().map(|m| format!("{m}/")).collect();
                (format!("src/models/{dirs}{}.rs", name.stem), key.clone())
            })
            .collect();
        let by_module = api
            .operations
            .iter()
            .enumerate()
            .filter_map(|(i, op)| Some((plan.operations.get(&op.id)?.module.clone(), i)))
            .collect();
        Crate { api, plan, dir, by_file, by_module }
    }

    /// The operation whose endpoint module is `module`.
    pub fn operation(&self, module: &str) -> Option<&'a mdapi_ir::Operation> {
        self.by_module.get(module).map(|&i| &self.api.operations[i])
    }

    /// What the item of `finding` (placed in this crate) stands for.
    pub fn subject(&self, finding: &Finding) -> Result<Subject, String> {
        let fail =
            |why: &str| format!("{} `{}` ({}:{}): {why}", finding.lint, finding.item, finding.file, finding.line);
        if finding.file == "Cargo.toml" {
            let area = finding.item.strip_prefix("feature ").ok_or_else(|| fail("not a feature"))?;
            return Ok(Subject::Area(area.to_owned()));
        }
        if let Some(module) = finding.file.strip_prefix("src/endpoints/").and_then(|f| f.strip_suffix(".rs")) {
            let op = self.operation(module).ok_or_else(|| fail("no operation has this endpoint module"))?;
            return Ok(Subject::Operation(mdapi::diff::op_key(op)));
        }
        if finding.file.starts_with("src/paths/") {
            return self.path_item(finding).ok_or_else(|| fail("its doc comment names no route"));
        }
        let ty = self.by_file.get(&finding.file).ok_or_else(|| fail("no type is written to this file"))?;
        self.model_item(ty, &finding.item).ok_or_else(|| fail("not an item of this type's file"))
    }

    /// A type and the types it inherits properties from, nearest first.
    fn lineage(&self, ty: &str) -> Vec<String> {
        let mut out = vec![ty.to_owned()];
        let mut base = self.plan.find(self.api, ty).and_then(|t| t.base.clone());
        while let Some(name) = base {
            if out.contains(&key(&name)) {
                break;
            }
            out.push(key(&name));
            base = self.plan.find(self.api, &name).and_then(|t| t.base.clone());
        }
        out
    }

    /// The keys of the types derived from `ty` whose struct is named
    /// `ident` (any of them, for `None`).
    fn derived(&self, ty: &str, ident: Option<&str>) -> Vec<String> {
        let derived = self.plan.find(self.api, ty).map(|t| t.derived.clone()).unwrap_or_default();
        derived
            .iter()
            .map(|d| key(d))
            .filter(|d| ident.is_none_or(|ident| self.plan.types.get(d).is_some_and(|n| n.ident == ident)))
            .collect()
    }

    /// `field User.notes`, `field notes of struct User`, `variant E::V`,
    /// `variant E:V`, `struct graph::models::User`, `enum …::AnyUser`.
    fn model_item(&self, ty: &str, item: &str) -> Option<Subject> {
        let name = self.plan.types.get(ty)?;
        let any = name.any_ident.as_deref();
        let words: Vec<&str> = item.split_whitespace().collect();
        Some(match words.as_slice() {
            ["field", field, "of", "struct", _] => {
                Subject::Field { types: self.lineage(ty), field: (*field).to_owned() }
            }
            ["field", path] => Subject::Field { types: self.lineage(ty), field: path.rsplit_once('.')?.1.to_owned() },
            // `User::DISPLAY_NAME`: a property's typed name for `$select`
            // (one per property, inherited ones too), the field upper-cased.
            [path] if path.split_once("::").is_some_and(|(owner, _)| owner == name.ident) => {
                let (_, constant) = path.split_once("::")?;
                Subject::Field { types: self.lineage(ty), field: constant.to_ascii_lowercase() }
            }
            ["variant", path] => {
                let (owner, variant) = path.split_once("::").or_else(|| path.split_once(':'))?;
                if Some(owner) == any && variant != name.ident {
                    Subject::Types(self.derived(ty, Some(variant)))
                } else if Some(owner) == any {
                    Subject::Types(vec![ty.to_owned()])
                } else {
                    Subject::Variant { ty: ty.to_owned(), variant: variant.to_owned() }
                }
            }
            [_, path] if any.is_some_and(|any| path.rsplit("::").next() == Some(any)) => {
                Subject::Types(self.derived(ty, None))
            }
            [_, _] => Subject::Types(vec![ty.to_owned()]),
            _ => return None,
        })
    }

    /// A path-tree item: an operation's method names its endpoint module
    /// (`` (`endpoints::get_users`; …) ``), a node or navigation method
    /// its route (`` `/users/{usersId}` ``) in the doc comment above it.
    fn path_item(&self, finding: &Finding) -> Option<Subject> {
        let text = std::fs::read_to_string(self.dir.join(&finding.file)).ok()?;
        let lines: Vec<&str> = text.lines().collect();
        let mut doc = Vec::new();
        for line in lines.get(..finding.line.checked_sub(1)?)?.iter().rev() {
            let line = line.trim_start();
            match line.strip_prefix("///") {
                Some(text) => doc.push(text),
                None if line.starts_with("#[") => {}
                None => break,
            }
        }
        doc.reverse();
        let doc = doc.join("\n");
        if let Some((_, rest)) = doc.split_once("`endpoints::") {
            let module = rest.split('`').next()?;
            return self.operation(module).map(|op| Subject::Operation(mdapi::diff::op_key(op)));
        }
        let route = doc.split('`').nth(1).filter(|r| r.starts_with('/'))?;
        Some(Subject::Route(route_shape(route)))
    }
}

/// A route's segments as the path tree compares them: words without case,
/// every value `{}`, the colons of a colon path left out, and a segment
/// with arguments only its name and its number of values. The tree keys
/// `range(address='{a}')`, `range(address={a})` and `range({address})` as
/// one node, and `mdapi diff`'s key keeps no parameter names to tell them
/// apart by, so the count stands in for the arguments (also when the docs
/// drop the closing parenthesis).
pub fn route_shape(route: &str) -> Vec<String> {
    route
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|segment| {
            let segment = segment.to_ascii_lowercase();
            let values = segment.matches('{').count();
            match segment.split_once('(') {
                Some((name, _)) if values > 0 => format!("{name}({values})"),
                Some((name, _)) => name.to_owned(),
                None if values > 0 => "{}".to_owned(),
                None => segment.replace(':', ""),
            }
        })
        .collect()
}

/// Whether a change takes a Rust name away (what a `*_missing` lint
/// reports): a removal, or a new spelling that renames the item.
pub fn removes_a_name(change: &Change) -> bool {
    use Kind::*;
    matches!(change.kind, OperationRemoved | TypeRemoved | PropertyRemoved | EnumMemberRemoved)
        || (matches!(change.kind, TypeSpellingChanged | PropertySpellingChanged) && change.breaking)
}

/// Whether `change` is about what `subject` stands for.
pub fn covers(subject: &Subject, change: &Change) -> bool {
    use Kind::*;
    let operation = matches!(
        change.kind,
        OperationAdded | OperationRemoved | RequestBodyChanged | ResponseChanged | PermissionsChanged
    );
    let (owner, member) = change.subject.rsplit_once('.').unwrap_or_default();
    match subject {
        Subject::Operation(op) => operation && &change.subject == op,
        Subject::Route(shape) => {
            let Some((_, route)) = change.subject.split_once(' ').filter(|_| operation) else { return false };
            route_shape(route).starts_with(shape)
        }
        Subject::Area(area) => change.kind == OperationRemoved && &change.area == area,
        Subject::Types(types) => {
            matches!(change.kind, TypeAdded | TypeRemoved | TypeSpellingChanged)
                && types.contains(&key(&change.subject))
        }
        Subject::Field { types, field } => {
            // A new spelling names the property anew; the field may have either name.
            let was =
                change.detail.split_once(" → ").map(|(was, _)| was).filter(|_| change.kind == PropertySpellingChanged);
            matches!(
                change.kind,
                PropertyAdded
                    | PropertyRemoved
                    | PropertyTypeChanged
                    | RequiredParameterAdded
                    | PropertySpellingChanged
            ) && types.contains(&key(owner))
                && (same_name(field, &snake(member)) || was.is_some_and(|was| same_name(field, &snake(was))))
        }
        Subject::Variant { ty, variant } => {
            matches!(change.kind, EnumMemberAdded | EnumMemberRemoved)
                && &key(owner) == ty
                && same_name(variant, &camel(member))
        }
    }
}

/// A Rust name and the name it was made from, allowing the suffix a scope
/// adds to a repeat (`name_2`, `Name2`) and a raw identifier's `r#`.
fn same_name(rust: &str, made: &str) -> bool {
    let rust = rust.trim_start_matches("r#");
    rust.strip_prefix(made).is_some_and(|rest| rest.trim_start_matches('_').chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(kind: Kind, subject: &str, area: &str) -> Change {
        Change { area: area.into(), kind, breaking: true, subject: subject.into(), detail: String::new() }
    }

    #[test]
    fn a_path_tree_node_stands_for_the_operations_under_its_route() {
        let node = Subject::Route(route_shape("/me/drive/root:/{item-path}:"));
        assert!(covers(&node, &change(Kind::OperationRemoved, "GET /me/drive/root:/{}:/children", "me")));
        assert!(!covers(&node, &change(Kind::OperationRemoved, "GET /me/drive/rootfolder", "me")));
        let quoted = Subject::Route(route_shape("/workbook/range(address='{address}')"));
        for spelling in ["range(address={})", "range({})", "range(address='{}'"] {
            let removed = change(Kind::OperationRemoved, &format!("POST /workbook/{spelling}/clear"), "w");
            assert!(covers(&quoted, &removed), "{spelling}");
        }
        assert!(!covers(&quoted, &change(Kind::OperationRemoved, "POST /workbook/range/clear", "w")));
    }

    #[test]
    fn a_field_stands_for_the_property_of_its_type_or_a_base() {
        let field = Subject::Field {
            types: vec!["microsoft.graph.user".into(), "microsoft.graph.entity".into()],
            field: "display_name".into(),
        };
        assert!(covers(
            &field,
            &change(Kind::PropertyRemoved, "microsoft.graph.entity.displayName", "microsoft.graph")
        ));
        assert!(!covers(
            &field,
            &change(Kind::PropertyRemoved, "microsoft.graph.group.displayName", "microsoft.graph")
        ));
        assert!(!covers(&field, &change(Kind::TypeRemoved, "microsoft.graph.user", "microsoft.graph")));
    }

    fn at(item: &str, file: &str, line: usize) -> Finding {
        let side = super::super::findings::Side::Old;
        Finding { lint: "x_missing".into(), item: item.into(), side, file: file.into(), line }
    }

    /// The committed `generated/widgets` crate, traced through the plan
    /// of its fixture pages: the way the job traces the v1.0 SDK.
    #[test]
    fn items_of_a_generated_crate_are_traced_to_the_docs() {
        let root = crate::workspace_root();
        let docs = mdapi::DocSet::load(&[root.join("crates/mdapi/tests/fixtures/widgets")]).unwrap();
        let api = mdapi::analyze(&docs).api;
        let krate = Crate::new(&api, root.join("generated/widgets"));
        let subject = |item: &str, file: &str, line: usize| krate.subject(&at(item, file, line)).unwrap();
        let line_of = |file: &str, text: &str| {
            let source = std::fs::read_to_string(root.join("generated/widgets").join(file)).unwrap();
            1 + source.lines().position(|l| l.contains(text)).unwrap()
        };
        assert_eq!(
            subject("field weight of struct Widget", "src/models/widget.rs", 55),
            Subject::Field {
                types: vec!["microsoft.graph.widget".into(), "microsoft.graph.entity".into()],
                field: "weight".into()
            }
        );
        assert_eq!(
            subject("variant WidgetColor::Green", "src/models/widget_color.rs", 9),
            Subject::Variant { ty: "microsoft.graph.widgetcolor".into(), variant: "Green".into() }
        );
        assert_eq!(
            subject("struct widgets::models::Widget", "src/models/widget.rs", 11),
            Subject::Types(vec!["microsoft.graph.widget".into()])
        );
        assert_eq!(
            subject("mod widgets::endpoints::get_widgets", "src/endpoints/get_widgets.rs", 2),
            Subject::Operation("GET /widgets".into())
        );
        let node = line_of("src/paths/widgets.rs", "pub struct WidgetsItem {");
        assert_eq!(
            subject("struct widgets::paths::WidgetsItem", "src/paths/widgets.rs", node),
            Subject::Route(route_shape("/widgets/{id}"))
        );
        let list = line_of("src/paths/widgets.rs", "pub fn get(");
        assert_eq!(subject("Widgets::get", "src/paths/widgets.rs", list), Subject::Operation("GET /widgets".into()));
        assert_eq!(subject("feature widgets", "Cargo.toml", 0), Subject::Area("widgets".into()));
        assert!(krate.subject(&at("struct x::Y", "src/models/no_such_type.rs", 1)).is_err());
    }

    #[test]
    fn names_match_through_a_repeat_suffix_and_raw_identifiers() {
        assert!(same_name("r#type", "type"));
        assert!(same_name("name_2", "name"));
        assert!(same_name("Name2", "Name"));
        assert!(!same_name("name_x", "name"));
    }
}
