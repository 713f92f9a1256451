//! The shape of the workspace, held by tests: no source file passes 500 lines, the app crate's
//! modules import each other without a cycle, and no shared file names a step (only the
//! registry, the web table beside it, and each step's own folders do).

#![allow(clippy::unwrap_used, missing_docs)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use kintsugi_app::steps::STEPS;

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.rs` file under `dir`, recursively.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn no_source_file_of_any_crate_passes_500_lines() {
    let mut seen = 0;
    for krate in std::fs::read_dir(crates_dir()).unwrap() {
        let src = krate.unwrap().path().join("src");
        for file in sources(&src) {
            let lines = read(&file).lines().count();
            assert!(lines <= 500, "{} has {lines} lines", file.display());
            seen += 1;
        }
    }
    assert!(seen > 100, "found the sources ({seen})");
}

/// The app crate's top-level modules, and which others each one uses (`crate::x`, or a name
/// the crate root re-exports from `x`).
fn app_imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = crates_dir().join("kintsugi-app/src");
    let root = read(&src.join("lib.rs"));
    let modules: Vec<String> = root
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';').to_string())
        .collect();
    // `pub use actor::Actor;` makes `crate::Actor` a use of `actor`.
    let mut reexports: BTreeMap<String, String> = BTreeMap::new();
    for line in root.lines().filter_map(|l| l.strip_prefix("pub use ")) {
        let (module, names) = line.split_once("::").unwrap();
        let names = names
            .trim_end_matches(';')
            .trim_matches(|c| c == '{' || c == '}');
        for name in names.split(',') {
            reexports.insert(name.trim().to_string(), module.to_string());
        }
    }
    let mut graph = BTreeMap::new();
    for module in &modules {
        let file = src.join(format!("{module}.rs"));
        let files = if file.exists() {
            vec![file]
        } else {
            sources(&src.join(module))
        };
        // Comments may mention any module; only code imports.
        let text: String = files
            .iter()
            .flat_map(|f| read(f).lines().map(str::to_string).collect::<Vec<_>>())
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut uses = BTreeSet::new();
        for (i, _) in text.match_indices("crate::") {
            let rest = &text[i + "crate::".len()..];
            let mut names: Vec<&str> = Vec::new();
            if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                names.extend(
                    group
                        .split(',')
                        .map(|n| n.trim().split("::").next().unwrap()),
                );
            } else {
                let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_'));
                names.push(&rest[..end.unwrap_or(rest.len())]);
            }
            for name in names {
                let target = if modules.iter().any(|m| m == name) {
                    Some(name.to_string())
                } else {
                    reexports.get(name).cloned()
                };
                if let Some(t) = target.filter(|t| t != module) {
                    uses.insert(t);
                }
            }
        }
        graph.insert(module.clone(), uses);
    }
    graph
}

#[test]
fn the_app_crate_has_no_import_cycle() {
    let graph = app_imports();
    assert!(
        graph["inbox"].contains("steps"),
        "the inbox walks the registry"
    );
    assert!(graph["talk"].contains("waiting"), "a step uses the leaf");
    // Depth-first search for a back edge.
    fn visit<'a>(
        m: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) {
        if done.contains(m) {
            return;
        }
        if let Some(at) = path.iter().position(|p| *p == m) {
            panic!("an import cycle: {} -> {m}", path[at..].join(" -> "));
        }
        path.push(m);
        for next in &graph[m] {
            visit(next, graph, path, done);
        }
        path.pop();
        done.insert(m);
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done);
    }
}

/// Whether `text` names the step module `slug` (as `crate::slug`, `kintsugi_app::slug` or
/// `steps::slug`), or one of its pages' paths.
fn names_step(text: &str, slug: &str, paths: &[&str]) -> Option<String> {
    for prefix in ["crate::", "kintsugi_app::", "steps::"] {
        let name = format!("{prefix}{slug}");
        let whole = text.match_indices(&name).any(|(i, _)| {
            let after = text[i + name.len()..].chars().next();
            !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        });
        if whole {
            return Some(name);
        }
    }
    paths
        .iter()
        .map(|p| format!("\"/api/v1{p}"))
        .find(|p| text.contains(p.as_str()))
}

#[test]
fn no_shared_file_names_a_step() {
    let app = crates_dir().join("kintsugi-app/src");
    let web = crates_dir().join("kintsugi-web/src");
    let tests = crates_dir().join("kintsugi-web/tests/api");
    let slugs: Vec<&str> = STEPS.iter().map(|s| s.slug).collect();
    // A step's own places, and the two tables that list the steps.
    let own = |file: &Path| {
        let rel = |base: &Path| file.strip_prefix(base).ok().map(Path::to_path_buf);
        if let Some(r) = rel(&app) {
            return r == Path::new("steps.rs")
                || r == Path::new("lib.rs")
                || slugs.iter().any(|s| r.starts_with(s));
        }
        if let Some(r) = rel(&web) {
            return r.starts_with("steps");
        }
        false
    };
    let shared: Vec<PathBuf> = [&app, &web]
        .into_iter()
        .flat_map(|d| sources(d))
        .filter(|f| !own(f))
        .chain(["helpers.rs", "queries.rs", "document.rs", "main.rs"].map(|f| tests.join(f)))
        .collect();
    assert!(shared.len() > 30, "{} shared files", shared.len());
    // Each step's pages, as its web declaration names them (`web_step!(…, "/talks", …)`).
    let paths = |slug: &str| -> Vec<String> {
        let decl = read(&web.join("steps").join(slug).join("mod.rs"));
        decl.split('"')
            .skip(1)
            .step_by(2)
            .filter(|p| p.starts_with('/'))
            .map(str::to_string)
            .collect()
    };
    for file in &shared {
        let text = read(file);
        for step in STEPS {
            let paths = paths(step.slug);
            assert!(!paths.is_empty(), "{} declares its pages", step.slug);
            let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
            let found = names_step(&text, step.slug, &paths);
            assert!(found.is_none(), "{} names {:?}", file.display(), found);
        }
    }
}
