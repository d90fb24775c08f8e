//! No two source files import each other in a circle, in any crate of the workspace.
//!
//! Each `.rs` file is a node; `use crate::…`, `use super::…` and inline `crate::…` paths
//! are edges to the file that defines the named item. A path through a module's
//! `pub use` re-export is followed to the file the item really comes from, so a child
//! that uses its parent's re-exports is fine, but a child that uses something its parent
//! defines while the parent uses the child is a circle. The check reads the sources as
//! text: no build of the app is needed, and a new cycle fails here with its files named.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed test may panic

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One crate's source tree: module path (`app::panels::top_bar`) → file.
struct Tree {
    modules: BTreeMap<Vec<String>, PathBuf>,
    sources: BTreeMap<Vec<String>, String>,
}

fn read_tree(root: &Path) -> Tree {
    let mut modules = BTreeMap::new();
    let mut sources = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            // `main.rs` beside `lib.rs` is a crate of its own (the binary), using the library.
            let is_binary_root = path.file_name().is_some_and(|n| n == "main.rs") && root.join("lib.rs").exists();
            if path.extension().is_none_or(|e| e != "rs") || is_binary_root {
                continue;
            }
            let relative = path.strip_prefix(root).expect("inside the root");
            let mut module: Vec<String> =
                relative.iter().map(|part| part.to_string_lossy().trim_end_matches(".rs").to_string()).collect();
            if matches!(module.last().map(String::as_str), Some("mod" | "lib" | "main")) {
                module.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            sources.insert(module.clone(), strip_comments_and_strings(&text));
            modules.insert(module, path);
        }
    }
    Tree { modules, sources }
}

/// The source without comments, string literals and test modules, which import freely.
fn strip_comments_and_strings(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        // `#[cfg(test)] mod tests { … }` at the end of a file: stop reading there.
        if line.trim() == "#[cfg(test)]" && lines.peek().is_some_and(|next| next.trim_start().starts_with("mod ")) {
            break;
        }
        let mut in_string = false;
        let mut chars = line.chars().peekable();
        let mut escaped = false;
        while let Some(c) = chars.next() {
            if in_string {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_string = false;
                }
                continue;
            }
            if c == '/' && chars.peek() == Some(&'/') {
                break;
            }
            if c == '"' {
                in_string = true;
                continue;
            }
            out.push(c);
        }
        out.push('\n');
    }
    out
}

/// Every `use` tree in a source, flattened to full paths (`a::b::{c, d::e}` → `a::b::c`,
/// `a::b::d::e`), each with whether it is a `pub use` (a re-export).
fn use_paths(source: &str) -> Vec<(Vec<String>, bool)> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(at) = find_use(rest) {
        let before = &rest[..at];
        let is_pub = before.trim_end().ends_with("pub") || before.trim_end().ends_with(')');
        let body_start = at + "use ".len();
        let Some(end) = rest[body_start..].find(';') else { break };
        let body: String =
            without_renames(&rest[body_start..body_start + end]).chars().filter(|c| !c.is_whitespace()).collect();
        for path in expand(&body) {
            found.push((path, is_pub));
        }
        rest = &rest[body_start + end..];
    }
    found
}

/// The byte offset of the next `use ` that starts a statement.
fn find_use(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find("use ") {
        let at = from + i;
        let ok_before =
            at == 0 || text[..at].ends_with(|c: char| c.is_whitespace() || c == ';' || c == '{' || c == ')');
        if ok_before {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

/// Expands one use tree body (no spaces) into full paths.
fn expand(body: &str) -> Vec<Vec<String>> {
    match body.find('{') {
        None => vec![body.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect()],
        Some(open) => {
            let prefix = &body[..open];
            let inner = &body[open + 1..body.len().saturating_sub(1)];
            let mut out = Vec::new();
            for part in split_top_level(inner) {
                for tail in expand(&part) {
                    let mut path: Vec<String> =
                        prefix.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
                    if tail.first().map(String::as_str) != Some("self") {
                        path.extend(tail);
                    }
                    out.push(path);
                }
            }
            out
        }
    }
}

/// A use tree with its renames (`X as Y`) cut to the name they rename (`X`).
fn without_renames(body: &str) -> String {
    let words: Vec<&str> = body.split_whitespace().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < words.len() {
        if words[i] == "as" && i + 1 < words.len() {
            // Keep what follows the alias's name (`,` or `}`).
            let alias = words[i + 1];
            out.push_str(alias.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_'));
            i += 2;
            continue;
        }
        out.push_str(words[i]);
        out.push(' ');
        i += 1;
    }
    out
}

/// Splits `a,b::{c,d},e` at the commas outside braces.
fn split_top_level(inner: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

/// The source with its `use` statements blanked out, so that only paths in code remain.
fn without_uses(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = find_use(rest) {
        out.push_str(&rest[..at]);
        match rest[at..].find(';') {
            Some(end) => rest = &rest[at + end + 1..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Inline paths such as `crate::info::Report::compute(..)`, `super::theme::P`, or
/// `plots::Plots` naming a child module of this file.
fn inline_paths(source: &str, children: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let starts = ["crate::".to_string(), "super::".to_string()];
    for start in starts.iter().chain(children.iter()) {
        let start = start.as_str();
        let mut from = 0;
        while let Some(i) = source[from..].find(start) {
            let at = from + i;
            from = at + start.len();
            if at > 0 && source[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path: String =
                source[at..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            found.push(path.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect());
        }
    }
    found
}

/// Resolves a path written in module `from` to the file (module) that defines its item,
/// following `pub use` re-exports. `None` for paths outside this crate.
fn resolve(tree: &Tree, from: &[String], path: &[String], depth: usize) -> Option<Vec<String>> {
    if depth > 16 {
        return None;
    }
    let mut segments = path.iter().map(String::as_str).peekable();
    let mut module: Vec<String> = match segments.peek().copied() {
        Some("crate") => {
            segments.next();
            Vec::new()
        }
        Some("super") => {
            let mut m = from.to_vec();
            while segments.peek() == Some(&"super") {
                segments.next();
                m.pop();
            }
            m
        }
        Some("self") => {
            segments.next();
            from.to_vec()
        }
        Some(first) => {
            // A path relative to this module: only a child module of `from` counts.
            let mut child = from.to_vec();
            child.push(first.to_string());
            if !tree.modules.contains_key(&child) {
                return None;
            }
            from.to_vec()
        }
        None => return None,
    };
    let rest: Vec<&str> = segments.collect();
    let mut i = 0;
    while i < rest.len() {
        let mut next = module.clone();
        next.push(rest[i].to_string());
        if tree.modules.contains_key(&next) {
            module = next;
            i += 1;
        } else {
            break;
        }
    }
    // `rest[i]` (if any) is an item of `module`: follow a re-export of it (to another
    // crate, if that is where it comes from: no edge then).
    if let (Some(item), Some(source)) = (rest.get(i), tree.sources.get(&module)) {
        for (reexport, is_pub) in use_paths(source) {
            if is_pub && reexport.last().map(String::as_str) == Some(*item) {
                return resolve(tree, &module, &reexport, depth + 1);
            }
        }
    }
    Some(module)
}

/// Every edge file → file in one crate.
fn edges(tree: &Tree) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, source) in &tree.sources {
        let targets = graph.entry(module.clone()).or_default();
        let paths = use_paths(source).into_iter().filter(|(_, is_pub)| !is_pub).map(|(p, _)| p);
        let children: Vec<String> = tree
            .modules
            .keys()
            .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
            .filter_map(|m| m.last().map(|name| format!("{name}::")))
            .collect();
        for path in paths.chain(inline_paths(&without_uses(source), &children)) {
            if let Some(target) = resolve(tree, module, &path, 0).filter(|target| target != module) {
                targets.insert(target);
            }
        }
    }
    graph
}

/// The strongly connected components with more than one file (Tarjan's algorithm).
fn cycles(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<Vec<String>>> {
    struct State<'a> {
        graph: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        on_stack: BTreeSet<&'a Vec<String>>,
        next: usize,
        found: Vec<Vec<Vec<String>>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a Vec<String>) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        if let Some(targets) = s.graph.get(v) {
            for w in targets {
                let Some((w, _)) = s.graph.get_key_value(w) else { continue };
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let low = s.low[w].min(s.low[v]);
                    s.low.insert(v, low);
                } else if s.on_stack.contains(w) {
                    let low = s.index[w].min(s.low[v]);
                    s.low.insert(v, low);
                }
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.clone());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v) {
            visit(&mut state, v);
        }
    }
    state.found
}

fn check_crate(src: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(src);
    let tree = read_tree(&root);
    assert!(!tree.modules.is_empty(), "{src} should hold the crate's sources");
    let graph = edges(&tree);
    cycles(&graph)
        .into_iter()
        .map(|component| {
            let files: Vec<String> = component
                .iter()
                .map(|m| tree.modules[m].strip_prefix(&root).unwrap_or(&tree.modules[m]).display().to_string())
                .collect();
            let inner: Vec<String> = component
                .iter()
                .flat_map(|from| {
                    graph[from]
                        .iter()
                        .filter(|to| component.contains(to))
                        .map(move |to| format!("{} → {}", from.join("::"), to.join("::")))
                })
                .collect();
            format!("{src}: a circle of {} files: {}\n  edges: {}", files.len(), files.join(", "), inner.join("; "))
        })
        .collect()
}

#[test]
fn no_source_files_import_each_other_in_a_circle() {
    let mut problems = Vec::new();
    for src in ["src", "crates/klscope-core/src", "web/src"] {
        problems.extend(check_crate(src));
    }
    assert!(problems.is_empty(), "import cycles:\n{}", problems.join("\n"));
}

#[test]
fn the_checker_finds_a_planted_circle() {
    let mut tree = Tree { modules: BTreeMap::new(), sources: BTreeMap::new() };
    let plant = |tree: &mut Tree, module: &[&str], source: &str| {
        let module: Vec<String> = module.iter().map(|s| s.to_string()).collect();
        tree.modules.insert(module.clone(), PathBuf::from(format!("{}.rs", module.join("/"))));
        tree.sources.insert(module, source.to_string());
    };
    plant(&mut tree, &[], "mod a;\nmod b;\nmod c;\npub use c::Shared;\n");
    plant(&mut tree, &["a"], "use crate::b::{Thing, other::{More}};\npub struct A;\n");
    plant(&mut tree, &["b"], "use super::a::A;\npub struct Thing;\n");
    // `c` uses the crate root's re-export of its own item: no edge back to the root.
    plant(&mut tree, &["c"], "use crate::Shared;\npub struct Shared;\n");
    let found = cycles(&edges(&tree));
    assert_eq!(found, vec![vec![vec!["a".to_string()], vec!["b".to_string()]]]);
}
