//! Whether a script is worth parsing at all. Most files of a project are not
//! Customer.io code; parsing them costs more than everything else `check` does, so a
//! file is parsed only when its text holds, as a whole word or token, something that
//! can make a rule fire. The test is meant to err one way only: a file it skips is a
//! file no rule could flag (tests/prefilter.rs checks that on the rule fixtures and on
//! mutations of them).
//!
//! What counts, each following the code that decides on it:
//!
//! - a word `cio` or `customerio`, or `customer` followed by the word `io`, with words
//!   split as [`crate::sdk::is_client_like_name`] splits identifiers (camelCase,
//!   `snake_case`, kebab, dots): the client-like names (`cio`, `customerIO`,
//!   `CUSTOMERIO_CLIENT`, `_cio`), the SDK's package names (`customerio-node`,
//!   `@customerio/…`), env names (`CUSTOMERIO_API_KEY`), webhook routes
//!   (`/webhooks/customer-io`) and `cio-lint-ignore` comments. `coercion`, `spacious`,
//!   `customers`, `customerId` are not such words;
//! - the whole tokens `TrackClient` and `APIClient` (constructors known by name even
//!   without an import), `PipelinesClient`, `cioanalytics`, the first token of each
//!   [`Package::SPECIFIERS`] entry, and the event names whose empty listeners
//!   `unhandled-bounce` and `unhandled-complaint` report (`'email_bounced'`, …);
//! - the last dotted segment of a configured client name, as a whole token;
//! - for the webhook rules, which can recognise a handler by its payload alone: a
//!   `metric` or `event_type` token together with a quoted distinctive metric
//!   (`'bounced'`), a quoted `event_type` value (`'email_…'`) or `object_type`;
//! - a path that names a Customer.io webhook (`app/api/cio/webhook/route.ts`), whose
//!   handlers the webhook rules read whatever the text says.
//!
//! One pass of an Aho-Corasick automaton finds the candidates (exact spellings: the
//! three in which `cio` or `customer` can be a word, and the tokens); each is then
//! checked in place (word boundaries, quotes), without allocating.

use std::path::Path;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::rules::unhandled_webhook_event::{UNHANDLED_BOUNCE, UNHANDLED_COMPLAINT};
use crate::sdk::webhooks;
use crate::sdk::Package;

/// Whether `text` (at `path`, when known) can hold anything a rule reads; `false`
/// means no rule can flag it and it need not be parsed. `extra_client_names` are the
/// configured client receivers (`"tracker"`, `"analytics.cio"`).
pub fn may_matter(text: &str, path: Option<&Path>, extra_client_names: &[String]) -> bool {
    text_may_matter(text, extra_client_names) || path.is_some_and(names_customerio_webhook)
}

/// What the webhook rules take for a Customer.io webhook's path; most paths fail the
/// cheap test for the letters first.
fn names_customerio_webhook(path: &Path) -> bool {
    let path = path.to_string_lossy();
    let lower = |b: &u8| b.to_ascii_lowercase();
    let has = |needle: &[u8]| {
        path.as_bytes()
            .windows(needle.len())
            .any(|w| w.iter().map(lower).eq(needle.iter().copied()))
    };
    (has(b"cio") || has(b"customer")) && webhooks::names_customerio_webhook(&path)
}

/// [`may_matter`] on the text alone.
pub fn text_may_matter(text: &str, extra_client_names: &[String]) -> bool {
    scan(text) || mentions_a_client(text, extra_client_names)
}

/// How a candidate is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Starting a word of an identifier: `cio`, `customer`.
    Word,
    /// A whole token: enough on its own.
    Token,
    /// `metric` or `event_type` as a whole token: a webhook field.
    Field,
    /// `object_type` as a whole token: webhook evidence.
    EvidenceToken,
    /// A whole string literal (`'bounced'`): webhook evidence.
    QuotedValue,
    /// The start of a string literal (`'email_…`): webhook evidence.
    QuotedPrefix,
}

struct Needles {
    automaton: AhoCorasick,
    /// Per pattern id.
    patterns: Vec<(String, Kind)>,
    /// Per pattern id: every pattern (id, offset) that can start inside a match of it,
    /// itself at 0 among them. The automaton reports leftmost-longest matches that do
    /// not overlap (that search is the fast one); these are the others.
    within: Vec<Vec<(usize, usize)>>,
}

/// The spellings in which a word of `names::words` can be `word` (all lower case): with
/// a capital anywhere but first, every letter must be one, or a hump would split it
/// (`cIo` is `c`, `io`; `CIo` is `c`, `io`).
fn spellings(word: &str) -> [String; 3] {
    let mut capital = word.to_string();
    capital[..1].make_ascii_uppercase();
    [word.to_string(), capital, word.to_ascii_uppercase()]
}

static NEEDLES: LazyLock<Needles> = LazyLock::new(|| {
    let mut patterns: Vec<(String, Kind)> = Vec::new();
    let mut add = |p: &str, kind| patterns.push((p.to_string(), kind));
    for token in [
        "TrackClient",
        "APIClient",
        "PipelinesClient",
        "cioanalytics",
    ] {
        add(token, Kind::Token);
    }
    add(webhooks::METRIC, Kind::Field);
    add(webhooks::EVENT_TYPE, Kind::Field);
    add(webhooks::OBJECT_TYPE, Kind::EvidenceToken);
    for word in ["cio", "customer"] {
        for spelling in spellings(word) {
            add(&spelling, Kind::Word);
        }
    }
    for (spec, _) in Package::SPECIFIERS {
        if let Some(first) = first_token(spec) {
            add(first, Kind::Token);
        }
    }
    for event in UNHANDLED_BOUNCE.event_types {
        add(event, Kind::Token);
    }
    for event in UNHANDLED_COMPLAINT.event_types {
        add(event, Kind::Token);
    }
    for metric in webhooks::DISTINCTIVE_METRICS {
        add(metric, Kind::QuotedValue);
    }
    for prefix in webhooks::EVENT_TYPE_PREFIXES {
        add(prefix, Kind::QuotedPrefix);
    }
    patterns.dedup();
    let within = patterns
        .iter()
        .map(|(p, _)| {
            let mut out = Vec::new();
            for offset in 0..p.len() {
                let rest = &p.as_bytes()[offset..];
                for (id, (q, _)) in patterns.iter().enumerate() {
                    let n = rest.len().min(q.len());
                    if rest[..n] == q.as_bytes()[..n] {
                        out.push((id, offset));
                    }
                }
            }
            out
        })
        .collect();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        // A few hundred states: the DFA is small and the fastest to run.
        .kind(Some(AhoCorasickKind::DFA))
        .build(patterns.iter().map(|(p, _)| p))
        .expect("a few short literals build an automaton");
    Needles {
        automaton,
        patterns,
        within,
    }
});

/// `customerio` of `@customerio/cdp-analytics-node`, `customerio` of
/// `@analytics/customerio` (whose first token, `analytics`, names another library):
/// the specifier's first token that says Customer.io, else its first token.
fn first_token(spec: &str) -> Option<&str> {
    let tokens = spec.split(|c| !is_token_char(c)).filter(|t| !t.is_empty());
    tokens
        .clone()
        .find(|t| t.to_ascii_lowercase().contains("customerio"))
        .or_else(|| tokens.clone().next())
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// Whether a token can start at `start`: what comes before cannot continue an
/// identifier. A digit can (`a1`) but also ends a number glued to a name in broken
/// code (`1cio`), and a non-ASCII character may or may not be a letter: both count as
/// a start, which only ever lets more files through.
fn token_starts(hay: &[u8], start: usize) -> bool {
    start == 0 || {
        let b = hay[start - 1];
        !(b.is_ascii_alphabetic() || b == b'_' || b == b'$')
    }
}

/// Whether a token ends at `end`; a non-ASCII character after counts as an end.
fn token_ends(hay: &[u8], end: usize) -> bool {
    hay.get(end).is_none_or(|&b| !is_token_byte(b))
}

fn is_quote(b: u8) -> bool {
    matches!(b, b'\'' | b'"' | b'`')
}

/// The single pass over the text.
fn scan(text: &str) -> bool {
    let needles = &*NEEDLES;
    let hay = text.as_bytes();
    let (mut field, mut evidence) = (false, false);
    for m in needles.automaton.find_iter(hay) {
        for &(id, offset) in &needles.within[m.pattern().as_usize()] {
            let (pattern, kind) = (&needles.patterns[id].0, needles.patterns[id].1);
            let start = m.start() + offset;
            let end = start + pattern.len();
            if hay.get(start..end) != Some(pattern.as_bytes()) {
                continue;
            }
            let whole = || token_starts(hay, start) && token_ends(hay, end);
            match kind {
                Kind::Word => {
                    if names_customerio_at(text, start) && !in_a_blob(hay, start) {
                        return true;
                    }
                }
                Kind::Token => {
                    if whole() {
                        return true;
                    }
                }
                Kind::Field => field |= whole(),
                Kind::EvidenceToken => evidence |= whole(),
                Kind::QuotedValue => {
                    evidence |= start > 0
                        && is_quote(hay[start - 1])
                        && hay.get(end).copied().is_some_and(is_quote);
                }
                Kind::QuotedPrefix => evidence |= start > 0 && is_quote(hay[start - 1]),
            }
            if field && evidence {
                return true;
            }
        }
    }
    false
}

/// The longest run of identifier characters that can be a name: a longer one is
/// data (base64, an inlined WebAssembly module), where `CIO` turns up by chance.
const MAX_NAME_RUN: usize = 64;

/// Whether the byte at `at` lies in a run of identifier characters longer than
/// [`MAX_NAME_RUN`].
fn in_a_blob(hay: &[u8], at: usize) -> bool {
    let name = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'$';
    let before = hay[..at]
        .iter()
        .rev()
        .take(MAX_NAME_RUN + 1)
        .take_while(|b| name(b))
        .count();
    let after = hay[at..]
        .iter()
        .take(MAX_NAME_RUN + 1)
        .take_while(|b| name(b))
        .count();
    before + after > MAX_NAME_RUN
}

/// A configured client receiver's last segment, as a whole token.
fn mentions_a_client(text: &str, names: &[String]) -> bool {
    let hay = text.as_bytes();
    names.iter().any(|name| {
        let last = name.rsplit('.').next().unwrap_or(name);
        !last.is_empty()
            && memchr::memmem::find_iter(hay, last.as_bytes())
                .any(|at| token_starts(hay, at) && token_ends(hay, at + last.len()))
    })
}

/// Whether the word of an identifier that starts at byte `start` (a `c` or `C`) says
/// Customer.io the way [`crate::sdk::is_client_like_name`] reads words: `cio`,
/// `customerio`, or `customer` with `io` as the next word (`customerIo`,
/// `customer_io`; across any separator, so that `/webhooks/customer-io` counts).
fn names_customerio_at(text: &str, start: usize) -> bool {
    if !word_starts(text, start) {
        return false;
    }
    let Some(end) = word_end(text, start, "customerio".len()) else {
        return false;
    };
    let word = &text[start..end];
    if word.eq_ignore_ascii_case("cio") || word.eq_ignore_ascii_case("customerio") {
        return true;
    }
    if !word.eq_ignore_ascii_case("customer") {
        return false;
    }
    let Some(next) = text[end..]
        .char_indices()
        .find(|&(_, c)| c.is_alphanumeric())
        .map(|(i, _)| end + i)
    else {
        return false;
    };
    word_end(text, next, 2).is_some_and(|e| text[next..e].eq_ignore_ascii_case("io"))
}

/// `names::words` starts a new word at `c` after `prev` (both alphanumeric): a
/// lower-case letter or digit before an upper-case one (`cioClient`), or the last
/// capital of a run before a lower-case letter (`CIOClient`).
fn is_hump(prev: char, c: char, next: Option<char>) -> bool {
    c.is_uppercase()
        && (prev.is_lowercase()
            || prev.is_ascii_digit()
            || (prev.is_uppercase() && next.is_some_and(char::is_lowercase)))
}

/// Whether a word starts at `start` (a char boundary). A digit before counts as a
/// start too (a number glued to a name in broken code).
fn word_starts(text: &str, start: usize) -> bool {
    let Some(prev) = text[..start].chars().next_back() else {
        return true;
    };
    if !prev.is_alphanumeric() || prev.is_ascii_digit() {
        return true;
    }
    let mut rest = text[start..].chars();
    let Some(c) = rest.next() else {
        return false;
    };
    is_hump(prev, c, rest.next())
}

/// The end of the word starting at `start`, when it is at most `max` bytes long.
fn word_end(text: &str, start: usize, max: usize) -> Option<usize> {
    let mut chars = text[start..].char_indices().peekable();
    let (_, mut prev) = chars.next()?;
    while let Some((offset, c)) = chars.next() {
        if !c.is_alphanumeric() || is_hump(prev, c, chars.peek().map(|&(_, n)| n)) {
            return Some(start + offset);
        }
        if offset >= max {
            return None;
        }
        prev = c;
    }
    (text.len() - start <= max).then_some(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passes(text: &str) -> bool {
        text_may_matter(text, &[])
    }

    #[test]
    fn ordinary_words_holding_the_letters_do_not_pass() {
        for text in [
            "export const add = (a, b) => a + b;",
            "const coercion = Number(x);",
            "const spacious = room.size > 10;",
            "// aplicacions i serveis",
            "const customerr = 1;",
            "const Customers = db.table('customers');",
            "function load(customerId) { return api.get(`/customers/${customerId}`); }",
            "precious.track(1, {}); socio.identify(1, {}); cioccolato.track(1, {});",
            "const customerName = 'Ada'; const CUSTOMER_TABLE = 'customers';",
            "const metric = 'latency';",
            "if (status === 'dropped') retry();",
            "const TrackClientFactory = 1; const myAPIClient = 2;",
            "const negócio = 1; const informació = 2;",
            "// Customers, io streams",
            "import Analytics from 'analytics'; analytics.track('signed_up');",
        ] {
            assert!(!passes(text), "{text}");
        }
    }

    #[test]
    fn cio_inside_data_does_not_pass_but_a_long_name_up_to_the_limit_does() {
        // An inlined WebAssembly module, as bundlers write one: `CIO` by chance.
        let blob = "AgwgAyAFNgIIQQEMAQsjAEEQayIEJAAgASgCCCEGIARBBGogASgCDCIOEJUGIAIoAhAhCyAEKAIMIQwgBCgCHCENIAQgBCgCACIOQQFqNgIAIA";
        assert!(blob.len() > MAX_NAME_RUN);
        assert!(!passes(&format!("const wasm = '{blob}';")));
        // The same letters in a name of ordinary length still count.
        let name = format!("{}_cio", "a".repeat(MAX_NAME_RUN - 4));
        assert_eq!(name.len(), MAX_NAME_RUN);
        assert!(passes(&format!("{name}.track(1, {{ name: 'x' }});")));
    }

    #[test]
    fn what_a_rule_reads_passes() {
        for text in [
            "import x from 'customerio-node'",
            "const { TrackClient } = require(\"customerio-node/lib/track\");",
            "import { Analytics } from '@customerio/cdp-analytics-node';",
            "cio.track()",
            "this.#cio.identify(id, {})",
            "customerIo.identify(id, {})",
            "customerIO.identify(id, {})",
            "CustomerIO.identify(id, {})",
            "customer_io.identify(id, {})",
            "CUSTOMERIO_CLIENT.track(id, {})",
            "trackerCio.track(id, {})",
            "CIOClient.track(id, {})",
            "window._cio.identify({ id })",
            "window.cioanalytics.track('x')",
            "const c = new TrackClient(a, b);",
            "let c: APIClient;",
            "new PipelinesClient(k)",
            "const key = process.env.CUSTOMERIO_API_KEY;",
            "app.post('/webhooks/customer-io', (req, res) => {})",
            "// cio-lint-ignore unhandled-rejection -- fine",
            "emitter.on('email_bounced', () => {});",
            "emitter.on(\"email_complained\", () => {});",
            "switch (body.metric) { case 'bounced': break; }",
            "if (e.event_type === 'email_opened') {}",
            "if (body.object_type === 'email') record(body.metric);",
            "see https://customer.io/docs",
            "1cio.track()",
            // Hidden behind a longer candidate at the same place.
            "customerioClient.track()",
            "if (e.event_type === 'email_bounced_late') {}",
            "const négoCio = 1;",
        ] {
            assert!(passes(text), "{text}");
        }
    }

    #[test]
    fn configured_clients_are_matched_by_their_last_segment() {
        let clients = ["tracker".to_string(), "analytics.segment".to_string()];
        assert!(text_may_matter("tracker.track()", &clients));
        assert!(text_may_matter("this.analytics.segment.track()", &clients));
        assert!(text_may_matter("x.segment.track()", &clients));
        assert!(!text_may_matter("trackers.track()", &clients));
        assert!(!text_may_matter("mytracker.track()", &clients));
        assert!(!text_may_matter("x", &[String::new()]));
    }

    #[test]
    fn a_path_naming_a_customerio_webhook_passes_whatever_the_text() {
        let text = "export async function POST() { return new Response(null); }";
        assert!(may_matter(
            text,
            Some(Path::new("app/api/cio/webhook/route.ts")),
            &[]
        ));
        assert!(!may_matter(
            text,
            Some(Path::new("app/api/orders/route.ts")),
            &[]
        ));
        assert!(!may_matter(text, None, &[]));
    }

    #[test]
    fn every_sdk_specifier_passes() {
        for (spec, _) in Package::SPECIFIERS {
            assert!(passes(&format!("import x from '{spec}';")), "{spec}");
            assert!(passes(&format!("require(\"{spec}\")")), "{spec}");
        }
    }

    proptest::proptest! {
        /// Any name the model takes for a client by its name alone passes, wherever
        /// it stands.
        #[test]
        fn every_client_like_name_passes(
            parts in proptest::collection::vec(
                proptest::sample::select(&[
                    "cio", "CIO", "Cio", "cIo", "customer", "Customer", "CUSTOMER", "io",
                    "IO", "Io", "client", "Client", "x", "X", "_", "$", "1", "é", "É", "s",
                ][..]),
                1..6,
            ),
            before in proptest::sample::select(&[" ", ".", "(", "#", "!", "\n", "…"][..]),
        ) {
            let name = parts.concat();
            if crate::sdk::is_client_like_name(&name) {
                let text = format!("x{before}{name}.track(id)");
                proptest::prop_assert!(passes(&text), "{}", text);
            }
        }
    }

    #[test]
    fn the_words_are_those_of_client_like_names() {
        for name in [
            "cio",
            "Cio",
            "CIO",
            "cioClient",
            "CIOClient",
            "myCIO",
            "my_cio",
            "$cio",
            "customerio",
            "customerIo",
            "customerIO",
            "CustomerIO",
            "customer_io",
            "CUSTOMER_IO",
            "CUSTOMERIO_CLIENT",
            "socio",
            "precious",
            "cioccolato",
            "customer",
            "customers",
            "customerIOs",
            "cIo",
            "CIOs",
            "xCIOs",
            "ciO",
        ] {
            assert_eq!(
                passes(name),
                crate::sdk::is_client_like_name(name),
                "{name}"
            );
        }
    }
}
