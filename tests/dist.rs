//! What ships: the crate's metadata against the locked dependency tree, the files
//! `cargo package` would publish, and the versions of the npm packages, the VS Code
//! extension and the mason package against Cargo.toml's.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use assert_cmd::Command as BinCommand;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const VERSION: &str = env!("CARGO_PKG_VERSION");

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(ROOT);
    cmd
}

fn run(mut cmd: Command) -> String {
    let out = cmd.output().expect("cargo runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `1.88` and `1.88.0` are the same requirement.
fn version_key(v: &str) -> (u64, u64, u64) {
    let mut parts = v.split('.').map(|p| p.parse::<u64>().unwrap());
    (
        parts.next().unwrap(),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

fn read_json(relative: &str) -> Value {
    let text = std::fs::read_to_string(Path::new(ROOT).join(relative)).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

#[test]
fn rust_version_is_what_the_locked_dependency_tree_needs() {
    let mut cmd = cargo();
    cmd.args(["metadata", "--format-version", "1", "--locked"]);
    let metadata: Value = serde_json::from_str(&run(cmd)).unwrap();
    let needed = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] != "cio-lint")
        .filter_map(|p| {
            let rv = p["rust_version"].as_str()?;
            Some((version_key(rv), format!("{} {}", p["name"], p["version"])))
        })
        .max()
        .expect("some dependency declares a rust-version");
    let declared = env!("CARGO_PKG_RUST_VERSION");
    assert_eq!(
        version_key(declared),
        needed.0,
        "Cargo.toml declares rust-version {declared}, the locked tree needs {:?} ({})",
        needed.0,
        needed.1
    );
}

#[test]
fn the_published_crate_has_what_it_needs_and_nothing_else() {
    let mut cmd = cargo();
    cmd.args(["package", "--list", "--allow-dirty"]);
    let listed: BTreeSet<String> = run(cmd).lines().map(str::to_string).collect();

    // Everything `include_str!` embeds must be in the package, or it would not build.
    let mut embedded = BTreeSet::new();
    for entry in walk(&Path::new(ROOT).join("src")) {
        let text = std::fs::read_to_string(&entry).unwrap();
        for (at, _) in text.match_indices("include_str!(\"") {
            let rest = &text[at + "include_str!(\"".len()..];
            let target = &rest[..rest.find('"').unwrap()];
            let resolved = entry.parent().unwrap().join(target);
            let resolved = resolved
                .canonicalize()
                .unwrap_or_else(|_| panic!("{target} from {entry:?}"));
            let relative = resolved
                .strip_prefix(Path::new(ROOT).canonicalize().unwrap())
                .unwrap();
            embedded.insert(relative.to_string_lossy().into_owned());
        }
    }
    // `rule_meta!` embeds each rule's page by its id: `docs/rules/<id>.md`.
    for rule in cio_lint::rules::all() {
        embedded.insert(format!("docs/rules/{}.md", rule.meta().id));
    }
    assert!(
        embedded.contains("cio-lint.schema.json") && embedded.len() > 20,
        "{embedded:?}"
    );
    for file in &embedded {
        assert!(
            listed.contains(file),
            "{file} is embedded with include_str! but not packaged"
        );
    }
    for file in [
        "Cargo.toml",
        "Cargo.lock",
        "README.md",
        "LICENSE",
        "src/main.rs",
        "src/lib.rs",
    ] {
        assert!(listed.contains(file), "{file} is not packaged");
    }

    // Only sources, queries, rule docs, the schema and the crate's own files.
    let allowed = |f: &str| {
        (f.starts_with("src/") && f.ends_with(".rs"))
            || (f.starts_with("queries/") && f.ends_with(".scm"))
            || (f.starts_with("docs/rules/") && f.ends_with(".md"))
            || matches!(
                f,
                "Cargo.toml"
                    | "Cargo.toml.orig"
                    | "Cargo.lock"
                    | "README.md"
                    | "LICENSE"
                    | "cio-lint.schema.json"
                    | ".cargo_vcs_info.json"
            )
    };
    let extra: Vec<_> = listed.iter().filter(|f| !allowed(f)).collect();
    assert!(extra.is_empty(), "packaged but not needed: {extra:?}");
    for never in [
        "editors/",
        "npm/",
        "tests/",
        "examples/",
        "fuzz/",
        "docs/images/",
        "benches/",
    ] {
        assert!(
            !listed.iter().any(|f| f.starts_with(never)),
            "{never} is packaged"
        );
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

#[test]
fn crate_metadata_for_crates_io() {
    assert_eq!(env!("CARGO_PKG_README"), "README.md");
    let manifest = std::fs::read_to_string(Path::new(ROOT).join("Cargo.toml")).unwrap();
    assert!(manifest.contains("\nkeywords = ["), "keywords");
    assert!(manifest.contains("\ncategories = ["), "categories");
    // The panic boundaries of src/isolate.rs need unwinding in the shipped profile too.
    let dist = &manifest[manifest.find("[profile.dist]").expect("a dist profile")..];
    let dist = &dist[..dist[1..].find("\n[").map_or(dist.len(), |i| i + 1)];
    assert!(dist.contains("panic = \"unwind\""), "{dist}");
    assert!(
        dist.contains("strip = \"debuginfo\""),
        "symbols kept for backtraces: {dist}"
    );
}

#[test]
fn every_package_has_the_crates_version() {
    let npm = read_json("npm/cio-lint/package.json");
    assert_eq!(npm["version"], VERSION, "npm/cio-lint/package.json");
    let optional = npm["optionalDependencies"].as_object().unwrap();
    assert_eq!(optional.len(), 6, "{optional:?}");
    for (name, version) in optional {
        assert_eq!(version, VERSION, "optionalDependencies {name}");
    }
    let vscode = read_json("editors/vscode/package.json");
    assert_eq!(vscode["version"], VERSION, "editors/vscode/package.json");
    assert_eq!(
        read_json("package.json")["version"],
        VERSION,
        "package.json (the pre-commit hook's)"
    );
    let hooks = std::fs::read_to_string(Path::new(ROOT).join(".pre-commit-hooks.yaml")).unwrap();
    let hooks = yaml_rust2::YamlLoader::load_from_str(&hooks).unwrap();
    assert_eq!(
        hooks[0][0]["language"].as_str(),
        Some("node"),
        "the hook installs through npm"
    );
    assert_eq!(
        hooks[0][0]["additional_dependencies"][0].as_str(),
        Some(format!("cio-lint@{VERSION}").as_str()),
        ".pre-commit-hooks.yaml installs this version"
    );
    let changelog = std::fs::read_to_string(Path::new(ROOT).join("CHANGELOG.md")).unwrap();
    assert!(
        changelog.contains(&format!("## {VERSION}")),
        "CHANGELOG.md has a {VERSION} section"
    );
}

#[test]
fn version_flag_prints_the_crates_version() {
    let out = BinCommand::cargo_bin("cio-lint")
        .unwrap()
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("cio-lint {VERSION}")
    );
}

#[test]
fn the_mason_package_installs_this_version_of_the_npm_package() {
    let text = std::fs::read_to_string(Path::new(ROOT).join("editors/mason/cio-lint/package.yaml"))
        .unwrap();
    let docs = yaml_rust2::YamlLoader::load_from_str(&text).expect("package.yaml is YAML");
    let package = &docs[0];
    assert_eq!(package["name"].as_str(), Some("cio-lint"));
    assert_eq!(
        package["source"]["id"].as_str(),
        Some(format!("pkg:npm/cio-lint@{VERSION}").as_str())
    );
    // mason links `bin` entries from the npm package's own `bin`.
    let npm = read_json("npm/cio-lint/package.json");
    assert!(npm["bin"]["cio-lint"].is_string());
    assert_eq!(package["bin"]["cio-lint"].as_str(), Some("npm:cio-lint"));
    assert_eq!(package["licenses"][0].as_str(), npm["license"].as_str());
    // The registry's schema allows these (and others); a typo would fail its CI.
    for category in package["categories"].as_vec().unwrap() {
        let category = category.as_str().unwrap();
        assert!(
            ["LSP", "Linter", "Formatter", "DAP", "Compiler", "Runtime"].contains(&category),
            "{category}"
        );
    }
    assert!(package["homepage"]
        .as_str()
        .unwrap()
        .starts_with("https://github.com/cio-lint/cio-lint"));
    assert!(!package["description"].as_str().unwrap_or("").is_empty());
}

/// GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces to `-`.
fn github_anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[test]
fn links_into_the_readme_name_sections_that_exist() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    // Headings outside fenced code (a `# comment` in a shell block is no heading).
    let mut in_fence = false;
    let mut anchors: BTreeSet<String> = readme
        .lines()
        .filter(|l| {
            if l.starts_with("```") {
                in_fence = !in_fence;
            }
            !in_fence && l.starts_with('#')
        })
        .map(|l| github_anchor(l.trim_start_matches('#')))
        .collect();
    // GitHub's own anchor for the README on a repository's page.
    anchors.insert("readme".to_string());
    let mut checked = 0;
    for file in [
        "editors/vscode/src/extension.ts",
        "editors/vscode/README.md",
        "npm/cio-lint/README.md",
        "docs/ci.md",
        "editors/README.md",
    ] {
        let text = std::fs::read_to_string(Path::new(ROOT).join(file)).unwrap();
        for (at, _) in text.match_indices("https://github.com/cio-lint/cio-lint#") {
            let rest = &text[at + "https://github.com/cio-lint/cio-lint#".len()..];
            let anchor: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            assert!(
                anchors.contains(&anchor),
                "{file} links README.md#{anchor}, which is no heading: {anchors:?}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 1, "the extension's install link is checked");
    assert!(
        anchors.contains("install"),
        "README.md has an Install section"
    );
}

#[test]
fn the_vscode_extension_limits_itself_in_untrusted_workspaces() {
    let manifest = read_json("editors/vscode/package.json");
    let untrusted = &manifest["capabilities"]["untrustedWorkspaces"];
    assert_eq!(untrusted["supported"], "limited", "{untrusted}");
    assert_eq!(
        untrusted["restrictedConfigurations"],
        serde_json::json!(["cioLint.path"])
    );
    assert!(untrusted["description"]
        .as_str()
        .is_some_and(|d| d.contains("node_modules")));
    // The workspace's binary is looked up only when the workspace is trusted.
    let source =
        std::fs::read_to_string(Path::new(ROOT).join("editors/vscode/src/extension.ts")).unwrap();
    let lookup = &source[source.find("function findBinary(").unwrap()..];
    let trusted = lookup
        .find("if (vscode.workspace.isTrusted)")
        .expect("a trust check");
    let node_modules = lookup
        .find("fromNodeModules(folder")
        .expect("the node_modules lookup");
    let bundled = lookup
        .find("path.join('bin', exe)")
        .expect("the bundled binary");
    assert!(
        trusted < node_modules && node_modules < bundled,
        "order: path, node_modules (trusted), bundled, PATH"
    );
}
