//! Adversarial nesting in every place the model and the rules read: nothing may walk
//! the tree recursively on the call stack, so none of these may overflow it. Each case
//! runs the whole `check` path (analysis and fix validation) on a thread with a small
//! stack (256 KiB), where a recursion of that depth would abort the process.

use cio_lint::engine::{check_source, AnalysisOptions};
use cio_lint::syntax::Language;

const DEPTH: usize = 20_000;
const HEADER: &str = "import { TrackClient } from 'customerio-node';\nconst cio = new TrackClient(process.env.S!, process.env.K!);\n";

fn cases() -> Vec<(&'static str, String)> {
    let d = DEPTH;
    vec![
        ("binary chain in a payload value", format!("cio.identify(id, {{ created_at: Date.now(){} }});", " + 1".repeat(d))),
        ("parentheses around a payload value", format!("cio.identify(id, {{ created_at: {}Date.now(){} }});", "(".repeat(d), ")".repeat(d))),
        ("member chain as receiver", format!("a{}.cio.identify(id, {{ created_at: Date.now() }});", ".b".repeat(d))),
        ("concatenated event name", format!("cio.track(id, {{ name: 'a'{} }});", " + x".repeat(d))),
        ("nested objects in data", format!("cio.track(id, {{ name: 'a', data: {}1{} }});", "{ a: ".repeat(d), " }".repeat(d))),
        ("nested arrays in data", format!("cio.track(id, {{ name: 'a', data: {{ a: {}1{} }} }});", "[".repeat(d), "]".repeat(d))),
        ("nested arrow functions", format!("const f = {}cio.track(id, {{ name: 'a' }}){};", "() => (".repeat(d), ")".repeat(d))),
        ("nested calls around a call", format!("{}cio.track(id, {{ name: 'a' }}){};", "f(".repeat(d), ")".repeat(d))),
        ("nested blocks", format!("{}cio.track(id, {{ name: 'a' }});{}", "if (x) { ".repeat(d), " }".repeat(d))),
        ("logical chain as a key", format!("function g() {{ const c = new TrackClient(a{}, b); }}", " || a".repeat(d))),
        ("binary chain as client argument in a function", format!("function g() {{ const c = new TrackClient(a{}, process.env.K); }}", " + a".repeat(d))),
        ("nested template literals", format!("cio.track(id, {{ name: {}x{} }});", "`a${".repeat(d / 4), "}`".repeat(d / 4))),
        ("ternary chain as an id", format!("cio.identify(a{}, {{ email }});", " ? a : b".repeat(d))),
        ("nested await in a handler", format!("app.post('/x', async (req, res) => {{ {}cio.track(req.body.id, {{ name: 'a' }}){}; }});", "await (".repeat(d), ")".repeat(d))),
    ]
}

#[test]
fn deep_nesting_never_overflows_the_stack() {
    for (name, body) in cases() {
        let text = format!("{HEADER}{body}\n");
        let started = std::time::Instant::now();
        let handle = std::thread::Builder::new()
            .name(name.to_string())
            .stack_size(256 * 1024)
            .spawn(move || {
                check_source(
                    &text,
                    Language::TypeScript,
                    None,
                    &AnalysisOptions::default(),
                )
                .findings
                .len()
            })
            .unwrap();
        handle
            .join()
            .unwrap_or_else(|_| panic!("{name}: the analysis panicked"));
        eprintln!("{name}: {:?}", started.elapsed());
    }
}
