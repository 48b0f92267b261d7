//! The scripts of a folder, as the language server indexes them in the background:
//! the walk `check` makes (`.gitignore`, `.ignore` and hidden-file rules, inside a git
//! repository or not; links not followed), never entering dependencies or build
//! output, and only files within their size limit. A file left out here is still read
//! when an import reaches it ([`super::Index::summary`]): the walk saves work up
//! front, it decides no answer.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::options::FileKind;

/// Folders the walk never enters: installed packages, and what build tools write.
pub const SKIPPED_FOLDERS: [&str; 9] = [
    "node_modules",
    "dist",
    "build",
    "out",
    "coverage",
    ".next",
    ".nuxt",
    ".svelte-kit",
    ".turbo",
];

/// The scripts under `roots` (each once, whichever root reaches it first) that
/// `admits` (a path and its size in bytes) lets through, sorted.
pub fn scripts(roots: &[PathBuf], admits: &(dyn Fn(&Path, u64) -> bool + Sync)) -> Vec<PathBuf> {
    let Some((first, rest)) = roots.split_first() else {
        return Vec::new();
    };
    let mut builder = ignore::WalkBuilder::new(first);
    for root in rest {
        builder.add(root);
    }
    builder.require_git(false).filter_entry(|entry| {
        entry.depth() == 0
            || !entry.file_type().is_some_and(|t| t.is_dir())
            || !SKIPPED_FOLDERS
                .iter()
                .any(|name| entry.file_name() == *name)
    });
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for entry in builder.build().flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        if !matches!(FileKind::from_path(path), Some(FileKind::Script(_))) {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if admits(path, meta.len()) && seen.insert(path.to_path_buf()) {
            out.push(path.to_path_buf());
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_dependencies_build_output_ignored_and_large_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (path, text) in [
            ("src/a.ts", "export const a = 1;"),
            ("src/big.ts", "x".repeat(100).as_str()),
            ("src/notes.md", "# notes"),
            ("node_modules/pkg/index.js", ""),
            ("dist/a.js", ""),
            ("packages/web/build/b.js", ""),
            ("generated/c.ts", ""),
            (".gitignore", "generated/\n"),
            ("lib/d.mjs", ""),
        ] {
            let full = root.join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        let found = scripts(&[root.to_path_buf(), root.join("src")], &|_, len| len < 50);
        let names: Vec<String> = found
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["lib/d.mjs", "src/a.ts"]);
    }
}
