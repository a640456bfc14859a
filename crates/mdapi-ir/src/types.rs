//! The type table: every type any page defines or mentions, merged by
//! case-insensitive qualified name.

use std::collections::{BTreeMap, HashMap};

use mdapi_parse::{Code, Diagnostic, Span};

use crate::model::{EnumMember, Property, Source, TypeDef, TypeKind};

/// How much a spelling of a type name is trusted: a resource page's own
/// spelling beats a table's, which beats an annotation's (often lower-cased).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Spelling {
    Annotation,
    Mention,
    Definition,
}

/// Where a property is declared, and how much that place is trusted.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Declared {
    pub span: Span,
    pub authority: Authority,
}

/// A type's own resource page defines its properties; other tables restate them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Authority {
    Restatement,
    Definition,
}

#[derive(Debug, Default)]
struct Entry {
    /// (namespace, name) spellings with (trust, count).
    spellings: BTreeMap<(String, String), (Spelling, u32)>,
    base: Option<String>,
    /// The base the page's prose names ("Inherits from [x]") where its
    /// annotation's `baseType` names another: settled in `finish`, when
    /// every type's base is known.
    prose_base: Option<(String, Source)>,
    open: Option<bool>,
    key: bool,
    is_abstract: bool,
    documented: bool,
    description: String,
    properties: Vec<(Property, Declared)>,
    /// Wire name → index into `properties`, so adding one is not a scan.
    property_index: HashMap<String, usize>,
    /// Wire name → position among the rows of the type's own resource
    /// page: its order is the model's, whatever page restated a row first.
    defined_order: HashMap<String, usize>,
    members: Option<Vec<EnumMember>>,
    /// Members listed in a property's prose ("Possible values are: ..."),
    /// used when nothing else documents the type.
    prose_members: Vec<EnumMember>,
    request_body: bool,
    sources: Vec<Source>,
    /// Resource pages that define the type, with their spelling.
    definitions: Vec<(String, Source)>,
    /// The description is that of the page named for the type.
    described_by_own_page: bool,
}

#[derive(Debug, Default)]
pub(crate) struct TypeTable {
    entries: BTreeMap<String, Entry>,
}

fn split(qualified: &str) -> (String, String) {
    match qualified.rsplit_once('.') {
        Some((ns, name)) => (ns.to_owned(), name.to_owned()),
        None => ("microsoft.graph".to_owned(), qualified.to_owned()),
    }
}

impl TypeTable {
    fn entry(&mut self, qualified: &str, spelling: Spelling, source: &Source) -> &mut Entry {
        let entry = self.entries.entry(qualified.to_ascii_lowercase()).or_default();
        let counter = entry.spellings.entry(split(qualified)).or_insert((spelling, 0));
        counter.0 = counter.0.max(spelling);
        counter.1 += 1;
        // One source per page: the first place the page names the type.
        // Pages are read one after another, so the page is already listed
        // only if it is the last one (a scan here was quadratic: `entity`
        // and `identitySet` are named on thousands of pages).
        if entry.sources.last().is_none_or(|s| s.file != source.file) {
            entry.sources.push(source.clone());
        }
        entry
    }

    /// Records that a page names the type.
    pub(crate) fn mention(&mut self, qualified: &str, spelling: Spelling, source: &Source) {
        self.entry(qualified, spelling, source);
    }

    /// Records a resource page defining the type.
    /// The description is the one of the page named for the type
    /// (`resources/user.md` for `user`), else of the first page defining it:
    /// Intune pages restating a few of `user`'s properties come first in
    /// path order and describe something else.
    pub(crate) fn define(&mut self, qualified: &str, description: &str, source: &Source) {
        let (_, name) = split(qualified);
        let stem = source.file.rsplit('/').next().unwrap_or_default().trim_end_matches(".md");
        let named_for_it = stem.eq_ignore_ascii_case(&name);
        let entry = self.entry(qualified, Spelling::Definition, source);
        entry.documented = true;
        entry.definitions.push((qualified.to_owned(), source.clone()));
        if entry.description.is_empty() || (named_for_it && !entry.described_by_own_page) {
            entry.description = description.to_owned();
            entry.described_by_own_page |= named_for_it;
        }
    }

    /// Records an enum and its members; a second definition adds members
    /// it does not have yet.
    pub(crate) fn define_enum(&mut self, qualified: &str, members: Vec<EnumMember>, source: &Source) {
        let entry = self.entry(qualified, Spelling::Definition, source);
        entry.documented = true;
        entry.definitions.push((qualified.to_owned(), source.clone()));
        let known = entry.members.get_or_insert_with(Vec::new);
        for member in members {
            if !known.iter().any(|m| m.name == member.name) {
                known.push(member);
            }
        }
    }

    /// Members a property's description lists for its type; they define the
    /// enum only if no page documents the type.
    pub(crate) fn suggest_members(&mut self, qualified: &str, members: Vec<EnumMember>) {
        if let Some(entry) = self.entries.get_mut(&qualified.to_ascii_lowercase()) {
            if entry.prose_members.is_empty() {
                entry.prose_members = members;
            }
        }
    }

    /// Marks a type as an action's request body.
    pub(crate) fn mark_request_body(&mut self, qualified: &str) {
        if let Some(entry) = self.entries.get_mut(&qualified.to_ascii_lowercase()) {
            entry.request_body = true;
        }
    }

    /// Sets the type's base, if none is set yet (the first page that
    /// names one wins).
    pub(crate) fn set_base(&mut self, qualified: &str, base: &str) {
        if let Some(entry) = self.entries.get_mut(&qualified.to_ascii_lowercase()) {
            entry.base.get_or_insert_with(|| base.to_owned());
        }
    }

    /// Records the base a page's prose names ("Inherits from [x]") next to
    /// the one its annotation names; `finish` keeps the more derived of
    /// the two and reports that they differ (`base-type-conflict`).
    pub(crate) fn set_prose_base(&mut self, qualified: &str, base: &str, source: &Source) {
        if let Some(entry) = self.entries.get_mut(&qualified.to_ascii_lowercase()) {
            entry.prose_base.get_or_insert_with(|| (base.to_owned(), source.clone()));
        }
    }

    /// Settles each type whose annotation and prose name different bases:
    /// when one of the two derives from the other, the more derived one is
    /// the base (the annotation of `orgContact` says `entity`, its prose
    /// `directoryObject`, itself an `entity`: a contact among a group's
    /// members must decode as an `orgContact`, a `directoryObject`);
    /// otherwise the annotation's. Either way a `base-type-conflict`.
    fn settle_bases(&mut self, diagnostics: &mut Vec<Diagnostic>) {
        let conflicts: Vec<(String, String, (String, Source))> = self
            .entries
            .iter()
            .filter_map(|(key, entry)| {
                let (prose, source) = entry.prose_base.clone()?;
                let annotated = entry.base.clone()?;
                // A link the doc set documents no type for (`entity.md`
                // from a page of namespace `microsoft.graph.termStore`
                // read as `termStore.entity`) names nothing to conflict with.
                let documented = self.entries.get(&prose.to_ascii_lowercase()).is_some_and(|e| e.documented);
                (documented && !annotated.eq_ignore_ascii_case(&prose))
                    .then(|| (key.clone(), annotated, (prose, source)))
            })
            .collect();
        for (key, annotated, (prose, source)) in conflicts {
            let chosen = if self.derives_from(&prose, &annotated) { &prose } else { &annotated };
            let name = self.entries.get(&key).and_then(|e| e.spellings.keys().next()).map(|(_, n)| n.clone());
            let name = name.unwrap_or_else(|| key.clone());
            diagnostics.push(
                Diagnostic::new(
                    Code::BaseTypeConflict,
                    &source.file,
                    Span { line: source.line, column: 1, ..Span::default() },
                    format!("`{name}`'s annotation says `baseType: {annotated}` and its text says it inherits from `{prose}`; generated with base `{chosen}`"),
                )
                .with_help("make the annotation's `baseType` and the \"Inherits from\" sentence name the same type"),
            );
            if let Some(entry) = self.entries.get_mut(&key) {
                entry.base = Some(chosen.clone());
            }
        }
    }

    /// Whether `derived`'s bases reach `base`, following both the base
    /// set and a conflicting prose one (so the answer does not depend on
    /// which conflict is settled first); names compared without case.
    fn derives_from(&self, derived: &str, base: &str) -> bool {
        let mut seen = std::collections::HashSet::new();
        let mut pending = vec![derived.to_ascii_lowercase()];
        while let Some(current) = pending.pop() {
            if !seen.insert(current.clone()) {
                continue;
            }
            let Some(entry) = self.entries.get(&current) else { continue };
            for next in entry.base.iter().chain(entry.prose_base.as_ref().map(|(b, _)| b)) {
                if next.eq_ignore_ascii_case(base) {
                    return true;
                }
                pending.push(next.to_ascii_lowercase());
            }
        }
        false
    }

    pub(crate) fn set_flags(&mut self, qualified: &str, open: Option<bool>, key: bool, is_abstract: bool) {
        if let Some(entry) = self.entries.get_mut(&qualified.to_ascii_lowercase()) {
            entry.open = open.or(entry.open);
            entry.key |= key;
            entry.is_abstract |= is_abstract;
        }
    }

    /// Adds a property. Two declarations with different types are
    /// reported; the type's own resource page wins over a restatement (an
    /// API page's request-body table, a derived type's "Inherited from"
    /// row), else the first declaration wins.
    pub(crate) fn add_property(
        &mut self,
        owner: &str,
        property: Property,
        declared: Declared,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let source = property.source.clone();
        let entry = self.entry(owner, Spelling::Mention, &source);
        if declared.authority == Authority::Definition {
            let next = entry.defined_order.len();
            entry.defined_order.entry(property.name.clone()).or_insert(next);
        }
        // Wire names are case-sensitive: `type` and `Type` are two properties.
        let Some(&at) = entry.property_index.get(&property.name) else {
            entry.property_index.insert(property.name.clone(), entry.properties.len());
            entry.properties.push((property, declared));
            return;
        };
        let (first, first_declared) = &entry.properties[at];
        let replaces = declared.authority > first_declared.authority;
        // Type names resolve case-insensitively (`Identity` is `identity`).
        let same = first.collection == property.collection
            && first.type_name.as_str().eq_ignore_ascii_case(property.type_name.as_str());
        if same {
            // The definition's description and source are the ones to show.
            if replaces {
                entry.properties[at] = (property, declared);
            }
            return;
        }
        let (kept, kept_declared, dropped, dropped_declared) = if replaces {
            (&property, declared, first, *first_declared)
        } else {
            (first, *first_declared, &property, declared)
        };
        let kept_where = if kept_declared.authority == Authority::Definition {
            "the resource page's declaration is used"
        } else {
            "the first declaration is used"
        };
        diagnostics.push(
            Diagnostic::new(
                Code::TypeConflict,
                &dropped.source.file,
                dropped_declared.span,
                format!(
                    "property `{}` of `{owner}` is {} here but {} in {}",
                    property.name,
                    describe(dropped.type_name.as_str(), dropped.collection),
                    describe(kept.type_name.as_str(), kept.collection),
                    kept.source.file,
                ),
            )
            .with_related(&kept.source.file, kept_declared.span, "declared here")
            .with_help(format!("make both tables agree; {kept_where}")),
        );
        if replaces {
            entry.properties[at] = (property, declared);
        }
    }

    /// Finishes the table: picks each type's spelling and kind.
    pub(crate) fn finish(mut self, diagnostics: &mut Vec<Diagnostic>) -> Vec<TypeDef> {
        self.settle_bases(diagnostics);
        let mut types: Vec<TypeDef> = Vec::with_capacity(self.entries.len());
        for mut entry in self.entries.into_values() {
            // Known only from a property's "Possible values are: ..." prose.
            if !entry.documented
                && entry.members.is_none()
                && entry.properties.is_empty()
                && !entry.prose_members.is_empty()
            {
                entry.members = Some(std::mem::take(&mut entry.prose_members));
                entry.documented = true;
            }
            // A spelling with inner capitals (`orgContact`) carries what an
            // all-lowercase one (`orgcontact`, from a file name or a lax
            // annotation) lost, so it wins first; then the most trusted
            // place, then the most common spelling.
            let key = |((_, name), (trust, count)): (&(String, String), &(Spelling, u32))| {
                (name.chars().skip(1).any(char::is_uppercase), *trust, *count)
            };
            let Some(((namespace, name), _)) =
                entry.spellings.iter().max_by(|a, b| key(*a).cmp(&key(*b)).then_with(|| b.0.cmp(a.0)))
            else {
                continue;
            };
            report_names(&entry, namespace, name, diagnostics);
            let (namespace, name) = (namespace.clone(), name.clone());
            own_page_first(&mut entry, &name);
            if !entry.documented && !entry.properties.is_empty() {
                if let Some(first) = entry.sources.first() {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::TypeIncomplete,
                            &first.file,
                            Span { line: first.line, column: 1, ..Span::default() },
                            format!("type `{namespace}.{name}` has no resource page; generated as an open type from what other pages say"),
                        )
                        .with_help(format!("add a resource page for `{name}` with its properties table")),
                    );
                }
            }
            let is_entity = entry.key
                || name.eq_ignore_ascii_case("entity")
                || entry.properties.iter().any(|(p, _)| p.name == "id");
            let kind = match (&entry.members, is_entity) {
                (Some(_), _) => TypeKind::Enum,
                (None, true) => TypeKind::Entity,
                (None, false) => TypeKind::Complex,
            };
            types.push(TypeDef {
                name: name.clone(),
                namespace: namespace.clone(),
                kind,
                base: entry.base,
                open: entry.open.unwrap_or(!entry.documented),
                is_abstract: entry.is_abstract,
                documented: entry.documented,
                description: entry.description,
                properties: {
                    // Defined rows first, in their page's order; restated-only after.
                    let order = |p: &Property| entry.defined_order.get(&p.name).copied().unwrap_or(usize::MAX);
                    let mut properties: Vec<Property> = entry.properties.into_iter().map(|(p, _)| p).collect();
                    properties.sort_by_key(order);
                    properties
                },
                members: entry.members.unwrap_or_default(),
                derived: Vec::new(),
                request_body: entry.request_body,
                sources: entry.sources,
            });
        }
        types.sort_by_key(|t| t.qualified_name());
        types
    }
}

/// A type's first source is the page defining it (the one named for it,
/// else the first definition), at the line that defines it: the generated
/// model's header and doc comment point there, not at the first page that
/// happened to name the type (a list page, another type's resource page).
fn own_page_first(entry: &mut Entry, name: &str) {
    let stem = |s: &Source| s.file.rsplit('/').next().unwrap_or_default().trim_end_matches(".md").to_ascii_lowercase();
    let own = entry
        .definitions
        .iter()
        .find(|(_, s)| stem(s) == name.to_ascii_lowercase())
        .or_else(|| entry.definitions.first())
        .map(|(_, s)| s.clone());
    let Some(own) = own else { return };
    entry.sources.retain(|s| s.file != own.file);
    entry.sources.insert(0, own);
}

fn describe(name: &str, collection: bool) -> String {
    if collection {
        format!("`Collection({name})`")
    } else {
        format!("`{name}`")
    }
}

/// Whether every dot-separated part of a qualified name is an OData identifier.
pub(crate) fn is_odata_name(qualified: &str) -> bool {
    qualified.split('.').all(is_odata_identifier)
}

/// An OData simple identifier: a letter or `_`, then letters, digits or `_`.
fn is_odata_identifier(part: &str) -> bool {
    let mut chars = part.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_') && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// Spellings two pages define that differ only in case, and names that are
/// not OData identifiers: both still generate, under one sanitized name.
fn report_names(entry: &Entry, namespace: &str, name: &str, diagnostics: &mut Vec<Diagnostic>) {
    let Some(first) = entry.sources.first() else { return };
    let at = Span { line: first.line, column: 1, ..Span::default() };
    let mut definitions = entry.definitions.iter();
    if let Some((first_name, _)) = definitions.next() {
        if let Some((other_name, other)) = definitions.find(|(n, _)| n != first_name) {
            diagnostics.push(
                Diagnostic::new(
                    Code::TypeNameCase,
                    &other.file,
                    Span { line: other.line, column: 1, ..Span::default() },
                    format!("`{other_name}` and `{first_name}` differ only in case; they are generated as one type, `{namespace}.{name}`"),
                )
                .with_help("give one of the types another name, or make both pages spell it the same"),
            );
        }
    }
    if !namespace.split('.').chain([name]).all(is_odata_identifier) {
        diagnostics.push(
            Diagnostic::new(
                Code::TypeNameInvalid,
                &first.file,
                at,
                format!("`{namespace}.{name}` is not a valid OData qualified name"),
            )
            .with_help("use letters, digits and `_` in each dot-separated part, starting with a letter"),
        );
    }
}
