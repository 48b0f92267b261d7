use std::path::Path;

/// A grammar cio-lint parses with. JSX, MJS and CJS files use the JavaScript grammar
/// (which understands JSX); MTS and CTS use the TypeScript one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    TypeScript,
    Tsx,
    JavaScript,
}

impl Language {
    /// The language for a file name, by extension (`.d.ts` files are ambient
    /// declarations: never calls, so never analysed).
    pub fn from_path(path: &Path) -> Option<Self> {
        let name = path.file_name()?.to_str()?;
        if name.ends_with(".d.ts") || name.ends_with(".d.mts") || name.ends_with(".d.cts") {
            return None;
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::from_extension(&ext)
    }

    pub fn from_extension(ext: &str) -> Option<Self> {
        Some(match ext {
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "js" | "jsx" | "mjs" | "cjs" => Language::JavaScript,
            _ => return None,
        })
    }

    /// The language for an LSP `languageId`.
    pub fn from_language_id(id: &str) -> Option<Self> {
        Some(match id {
            "typescript" | "ts" | "mts" | "cts" => Language::TypeScript,
            "typescriptreact" | "tsx" => Language::Tsx,
            "javascript" | "javascriptreact" | "js" | "jsx" | "mjs" | "cjs" => Language::JavaScript,
            _ => return None,
        })
    }

    pub fn grammar(self) -> tree_sitter::Language {
        match self {
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
        }
    }

    /// Whether type syntax (`!`, annotations) may be written in fixes.
    pub fn is_typescript(self) -> bool {
        matches!(self, Language::TypeScript | Language::Tsx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_and_language_ids() {
        for (file, lang) in [
            ("a.ts", Language::TypeScript),
            ("a.mts", Language::TypeScript),
            ("a.cts", Language::TypeScript),
            ("a.tsx", Language::Tsx),
            ("a.js", Language::JavaScript),
            ("a.jsx", Language::JavaScript),
            ("a.mjs", Language::JavaScript),
            ("a.CJS", Language::JavaScript),
        ] {
            assert_eq!(Language::from_path(Path::new(file)), Some(lang), "{file}");
        }
        assert_eq!(Language::from_path(Path::new("types.d.ts")), None);
        assert_eq!(Language::from_path(Path::new("a.py")), None);
        assert_eq!(
            Language::from_language_id("typescriptreact"),
            Some(Language::Tsx)
        );
        assert_eq!(
            Language::from_language_id("javascriptreact"),
            Some(Language::JavaScript)
        );
        assert_eq!(Language::from_language_id("rust"), None);
    }
}
