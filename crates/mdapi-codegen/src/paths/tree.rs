//! The path tree's structure: each route's segments (`mdapi_runtime::route`)
//! as a path of nodes, spellings of one segment meeting in one node.

use std::collections::BTreeMap;

use mdapi_ir::{Api, Operation};
use mdapi_runtime::route::{segments, Segment};

/// One node of the path tree: a segment of some routes, the operations
/// ending here and the nodes below, keyed by `Segment::key`.
#[derive(Default)]
pub(super) struct Node<'a> {
    /// The segment as most routes through the node spell it (ties: the
    /// smallest spelling), so no one page decides it.
    pub(super) segment: Option<Segment>,
    /// Every spelling of the segment, with how many routes use it.
    pub(super) spellings: BTreeMap<String, (usize, Segment)>,
    /// The route prefix up to this node, in the chosen spellings.
    pub(super) route: String,
    /// Path values from the root to here.
    pub(super) depth: usize,
    pub(super) children: BTreeMap<String, Node<'a>>,
    pub(super) operations: Vec<&'a Operation>,
    /// The method on the parent that leads here (see `naming::name_methods`).
    pub(super) method: String,
    /// The node's struct name, unique in the whole tree (see `naming::assign_structs`).
    pub(super) ident: String,
}

/// The tree of `api`'s routes, each node's spelling settled; routes
/// deeper than `MAX_TREE_SEGMENTS` are left out.
pub(super) fn build<'a>(api: &'a Api) -> Node<'a> {
    let mut root = Node::default();
    let mut operations: Vec<&Operation> = api.operations.iter().collect();
    operations.sort_by(|a, b| a.id.cmp(&b.id));
    for op in operations {
        let segments = segments(&op.path_parts);
        // Deeper routes (reported as `route-too-deep`) keep their endpoint
        // function; nesting a struct per segment stops here.
        if segments.len() > mdapi_ir::MAX_TREE_SEGMENTS {
            continue;
        }
        let mut node = &mut root;
        for segment in segments {
            let depth = node.depth + segment.params().count();
            // Spellings of one segment meet in one node (`Segment::key`).
            node = node.children.entry(segment.key()).or_insert_with(|| Node { depth, ..Node::default() });
            node.spellings.entry(segment.template()).or_insert((0, segment)).0 += 1;
        }
        node.operations.push(op);
    }
    settle_spellings(&mut root, "");
    root
}

/// Chooses each node's spelling and route.
fn settle_spellings(node: &mut Node<'_>, route: &str) {
    for child in node.children.values_mut() {
        // The most used spelling; among equals the smallest (the map's order).
        let chosen = child
            .spellings
            .iter()
            .rev()
            .max_by_key(|(_, (count, _))| *count)
            .map(|(spelling, (_, segment))| (spelling.clone(), segment.clone()));
        if let Some((spelling, segment)) = chosen {
            child.route = format!("{route}/{spelling}");
            child.segment = Some(segment);
        }
        let child_route = child.route.clone();
        settle_spellings(child, &child_route);
    }
}

/// A node's children with their segments, literal ones first, so `users`
/// claims `users()` before an alternate key on it.
pub(super) fn ordered_children<'n, 'a>(node: &'n Node<'a>) -> Vec<(&'n Node<'a>, &'n Segment)> {
    ordered_child_keys(node)
        .iter()
        .filter_map(|key| {
            let child = node.children.get(key)?;
            Some((child, child.segment.as_ref()?))
        })
        .collect()
}

/// The keys of a node's children in [`ordered_children`]'s order (keys, so
/// a pass that names the children can borrow each one mutably).
pub(super) fn ordered_child_keys(node: &Node<'_>) -> Vec<String> {
    let mut keys: Vec<(&String, bool)> = node
        .children
        .iter()
        .filter_map(|(key, child)| Some((key, child.segment.as_ref()?.params().next().is_some())))
        .collect();
    keys.sort_by_key(|(_, keyed)| *keyed);
    keys.into_iter().map(|(key, _)| key.clone()).collect()
}

/// The operations a node has a method for: one per HTTP method. Routes
/// the IR keeps apart but the tree puts in one node (`delta()` and
/// `delta`, `range(address='{a}')` and `range(address={a})`) call the
/// same thing; the one with the shortest id (the plainest spelling, see
/// `mdapi_ir::names::dedupe_operation_ids`) is the method, the others
/// stay in `endpoints`.
pub(super) fn node_operations<'a>(node: &Node<'a>) -> Vec<&'a Operation> {
    let mut by_method: BTreeMap<String, &Operation> = BTreeMap::new();
    for op in &node.operations {
        let method = op.method.to_ascii_lowercase();
        let keep = by_method.get(&method).is_some_and(|kept| (kept.id.len(), &kept.id) <= (op.id.len(), &op.id));
        if !keep {
            by_method.insert(method, op);
        }
    }
    node.operations.iter().filter(|op| by_method.values().any(|kept| kept.id == op.id)).copied().collect()
}
