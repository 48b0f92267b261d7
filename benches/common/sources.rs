//! Generated TypeScript: a function template repeated until the file has the lines
//! asked for, so the sizes are exact and the code is what application code looks like.

/// The header that imports and constructs a Customer.io client named `cio`.
pub const CIO_HEADER: &str = "import { TrackClient } from 'customerio-node';\nconst cio = new TrackClient(process.env.S!, process.env.K!);\n";

/// A request handler with Customer.io calls and their pitfalls (a dynamic event name,
/// a millisecond timestamp in `data`).
pub const UNIT: &str = r#"
export async function handleSignup{n}(user: { id: string; email: string }, req: Request) {
  const attrs = { email: user.email, plan: 'pro', created_at: Math.floor(Date.now() / 1000) };
  await cio.identify(user.id, attrs);
  await cio.track(user.id, { name: 'signed_up', data: { source: 'web', step: {n} } });
  if (user.email.endsWith('.edu')) {
    await cio.track(user.id, { name: `viewed_${user.id}`, data: { at: Date.now() } });
  }
  const total = [1, 2, 3].map((x) => x * {n}).reduce((a, b) => a + b, 0);
  return { ok: true, total };
}
"#;

/// The same shape of code with no Customer.io in it (the pre-filter rejects it).
pub const PLAIN_UNIT: &str = r#"
export async function handleRequest{n}(user: { id: string; name: string }, req: Request) {
  const attrs = { name: user.name, plan: 'pro', created: Math.floor(Date.now() / 1000) };
  await db.users.update(user.id, attrs);
  await queue.push(user.id, { kind: 'signed_up', data: { source: 'web', step: {n} } });
  if (user.name.endsWith('.edu')) {
    await metrics.count(user.id, { label: `viewed_${user.id}`, data: { at: Date.now() } });
  }
  const total = [1, 2, 3].map((x) => x * {n}).reduce((a, b) => a + b, 0);
  return { ok: true, total };
}
"#;

/// The header of a file of [`PLAIN_UNIT`]s.
pub const PLAIN_HEADER: &str = "import { db, queue, metrics } from './infra';\n";

/// `header`, then `unit` repeated (`{n}` numbered) until there are `lines` lines.
pub fn file_of(unit: &str, header: &str, lines: usize) -> String {
    mixed_file(header, lines, |_| unit)
}

/// Every function Customer.io code: [`CIO_HEADER`] and [`UNIT`]s.
pub fn cio_file(lines: usize) -> String {
    file_of(UNIT, CIO_HEADER, lines)
}

/// No Customer.io code at all.
pub fn plain_file(lines: usize) -> String {
    file_of(PLAIN_UNIT, PLAIN_HEADER, lines)
}

/// One Customer.io function in `every`, the rest ordinary code.
pub fn one_in(every: usize, lines: usize) -> String {
    mixed_file(CIO_HEADER, lines, |n| {
        if n % every == 0 {
            UNIT
        } else {
            PLAIN_UNIT
        }
    })
}

fn mixed_file<'u>(header: &str, lines: usize, unit: impl Fn(usize) -> &'u str) -> String {
    let mut s = header.to_string();
    let mut count = s.lines().count();
    let mut n = 0;
    while count < lines {
        let u = unit(n).replace("{n}", &n.to_string());
        count += u.lines().count();
        s.push_str(&u);
        n += 1;
    }
    s
}

/// Keystroke `i` of a typing loop at `line`, two columns in (inside a function body of
/// these files): an `x` typed on even steps, taken back on odd ones, so the text
/// returns to where it began every two steps.
pub fn keystroke(line: u32, i: u64) -> cio_lint::syntax::TextChange {
    use cio_lint::syntax::{Position, TextChange};
    if i.is_multiple_of(2) {
        TextChange {
            range: Some((Position::new(line, 2), Position::new(line, 2))),
            text: "x".into(),
        }
    } else {
        TextChange {
            range: Some((Position::new(line, 2), Position::new(line, 3))),
            text: String::new(),
        }
    }
}
