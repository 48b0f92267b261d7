//! The one currency between the engine and both front ends.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::fix::Fix;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected info, warning or error)"
            )),
        }
    }
}

/// A pitfall found in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule id (a contract: config files and suppression comments name it).
    pub rule: &'static str,
    pub severity: Severity,
    /// The offending expression, in bytes of the file's text.
    pub range: Range<usize>,
    pub message: String,
    /// What the value under the finding means, for hover ("1.7e12 is milliseconds: …").
    pub detail: Option<String>,
    pub fix: Option<Fix>,
}
