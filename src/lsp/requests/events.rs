//! What the tracking-plan requests (completion, hover, definition, references, rename,
//! workspace symbols) share: the slot of a Customer.io call under the cursor, the
//! places of the workspace that send an event, and an event's entry in its plan file.
//! Blocking: call these on a blocking thread.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::finding::{Site, SitePoint};
use crate::lsp::convert;
use crate::lsp::session::Session;
use crate::lsp::snapshot::Snapshot;
use crate::lsp::text::{Source, TextBuffer, TextView};
use crate::plan::{EventKey, TrackingPlan};
use crate::rules::Slot;
use crate::syntax::PositionEncoding;

/// The byte offset of `position` in `doc`, unless it lies past the end of its line or
/// of the document (which answers nothing).
pub(crate) fn offset_in(
    doc: &impl TextView,
    position: lsp::Position,
    encoding: PositionEncoding,
) -> Option<usize> {
    let resolved =
        doc.line_index()
            .offset(doc.text(), convert::syntax_position(position), encoding);
    (!resolved.clamped).then_some(resolved.offset)
}

/// The slot of a Customer.io call at `position` of the script `snapshot` is, read
/// with the options its analysis runs with (imports settled by the index).
pub(crate) fn slot_at(snapshot: &Snapshot, position: lsp::Position) -> Option<(Slot, &Source)> {
    let source @ Source::Script(_) = snapshot.source()? else {
        return None;
    };
    let offset = offset_in(source, position, snapshot.encoding)?;
    let options = snapshot.analysis_options();
    let slot =
        crate::engine::pipeline::slot_at(&source.file(snapshot.path.as_deref()), &options, offset)?;
    Some((slot, source))
}

/// `answer` of the event named at `position` of `uri`'s document (its plain name, on a
/// blocking thread): `None` when the document is not open or no event name is there.
pub(crate) async fn on_event_name<R: Send + 'static>(
    session: &std::sync::Arc<Session>,
    uri: &Uri,
    position: lsp::Position,
    answer: impl FnOnce(&Session, &Snapshot, String) -> Option<R> + Send + 'static,
) -> tower_lsp_server::jsonrpc::Result<Option<R>> {
    let Some(snapshot) = session.snapshot(uri) else {
        return Ok(None);
    };
    let session = std::sync::Arc::clone(session);
    super::run_blocking(move || {
        let (Some(name), _, _) = event_at(&snapshot, position)? else {
            return None;
        };
        answer(&session, &snapshot, name)
    })
    .await
}

/// The event name literal at `position`: the name (`None` when it holds an escape),
/// the literal's bytes and the range of its content.
pub(crate) fn event_at(
    snapshot: &Snapshot,
    position: lsp::Position,
) -> Option<(Option<String>, Range<usize>, lsp::Range)> {
    match slot_at(snapshot, position)? {
        (
            Slot::EventName {
                literal,
                content,
                name,
            },
            source,
        ) => Some((
            name,
            literal,
            convert::range(source, &content, snapshot.encoding),
        )),
        _ => None,
    }
}

/// One place of the workspace that sends an event by a literal name.
#[derive(Clone, Debug)]
pub(crate) struct Sending {
    pub name: String,
    pub uri: Uri,
    pub path: PathBuf,
    /// The literal, quotes included, in bytes of the text it was read from.
    pub literal: Range<usize>,
    /// The literal, in the session's encoding.
    pub range: lsp::Range,
    /// The open document's version; `None` for a file read from disk by the index.
    pub version: Option<i32>,
}

fn point(p: &SitePoint, encoding: PositionEncoding) -> lsp::Position {
    let character = match encoding {
        PositionEncoding::Utf8 => p.utf8,
        PositionEncoding::Utf16 => p.utf16,
        PositionEncoding::Utf32 => p.utf32,
    };
    lsp::Position::new(p.line, character)
}

pub(crate) fn site_range(site: &Site, encoding: PositionEncoding) -> lsp::Range {
    lsp::Range::new(point(&site.start, encoding), point(&site.end, encoding))
}

/// Every place that sends an event `wanted` accepts by name: the open scripts (their
/// text in the editor, as their analysis reads it), then the files the index holds
/// facts of, sorted by path and position.
pub(crate) fn sending(session: &Session, wanted: &dyn Fn(&str) -> bool) -> Vec<Sending> {
    let encoding = session.encoding();
    let store = session.store();
    let open: Vec<Snapshot> = session.open_scripts();
    let mut open_paths = HashSet::new();
    let mut out = Vec::new();
    for snapshot in &open {
        let Some(path) = snapshot.path.clone() else {
            continue;
        };
        open_paths.insert(path.clone());
        let analysis = snapshot.analysis();
        store.record_analysis(&snapshot.uri, snapshot.generation, &analysis);
        let (Some(cross), Some(source)) = (analysis.cross_file.as_ref(), snapshot.source()) else {
            continue;
        };
        for event in cross
            .facts(&path, source)
            .events
            .iter()
            .filter(|e| wanted(&e.name))
        {
            out.push(Sending {
                name: event.name.clone(),
                uri: snapshot.uri.clone(),
                path: path.clone(),
                literal: event.site.range.clone(),
                range: site_range(&event.site, encoding),
                version: Some(snapshot.version),
            });
        }
    }
    let index = session.index();
    let mut closed: Vec<PathBuf> = index
        .files_with_facts()
        .into_iter()
        .filter(|p| !open_paths.contains(p))
        .collect();
    closed.sort();
    for path in closed {
        let Some(uri) = convert::file_uri(&path) else {
            continue;
        };
        for event in index.facts(&path).events.iter().filter(|e| wanted(&e.name)) {
            out.push(Sending {
                name: event.name.clone(),
                uri: uri.clone(),
                path: path.clone(),
                literal: event.site.range.clone(),
                range: site_range(&event.site, encoding),
                version: None,
            });
        }
    }
    out.sort_by(|a, b| (&a.path, a.literal.start).cmp(&(&b.path, b.literal.start)));
    out
}

/// A plan's text as the editor shows it (open there, or on disk).
pub(crate) struct PlanText {
    pub uri: Uri,
    pub buffer: TextBuffer,
    /// Its version when it is open in the editor.
    pub version: Option<i32>,
    pub keys: Vec<EventKey>,
}

impl PlanText {
    pub(crate) fn read(session: &Session, path: &Path) -> Option<PlanText> {
        let (text, version) = session.plan_text(path)?;
        let keys = crate::plan::event_keys(path, &text);
        Some(PlanText {
            uri: convert::file_uri(path)?,
            buffer: TextBuffer::new(text, version.unwrap_or(0)),
            version,
            keys,
        })
    }

    pub(crate) fn key(&self, name: &str) -> Option<&EventKey> {
        self.keys.iter().find(|k| k.name == name)
    }

    /// Where the key of `name` is, in the session's encoding.
    pub(crate) fn location(&self, name: &str, encoding: PositionEncoding) -> Option<lsp::Location> {
        let key = self.key(name)?;
        Some(lsp::Location::new(
            self.uri.clone(),
            convert::range(&self.buffer, &key.key, encoding),
        ))
    }
}

/// The plan entry of `name` in `plan`'s file, when the plan has that event.
pub(crate) fn plan_location(
    session: &Session,
    plan: &TrackingPlan,
    name: &str,
) -> Option<lsp::Location> {
    plan.event(name)?;
    PlanText::read(session, &plan.path)?.location(name, session.encoding())
}

/// The tracking plans the session knows of: those configs named so far, and those of
/// the configs at the root of each workspace folder.
pub(crate) fn known_plans(session: &Session) -> Vec<std::sync::Arc<TrackingPlan>> {
    let mut plans: Vec<std::sync::Arc<TrackingPlan>> = Vec::new();
    let mut add = |plan: Option<std::sync::Arc<TrackingPlan>>| {
        if let Some(plan) = plan {
            if !plans.iter().any(|p| p.path == plan.path) {
                plans.push(plan);
            }
        }
    };
    for folder in session.folders() {
        add(session.options_for(&folder.join("index.ts")).plan.clone());
    }
    for path in session.plan_paths() {
        add(session.options_for(&path).plan.clone());
    }
    plans
}
