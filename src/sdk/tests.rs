//! The model on its own: what counts as Customer.io, and every "never flag" case.

use super::*;
use crate::syntax::NodeExt;
use crate::syntax::{document::parse, Language};

fn with_model<R>(lang: Language, src: &str, f: impl FnOnce(&Model<'_>) -> R) -> R {
    with_model_at(lang, src, None, &ModelOptions::default(), f)
}

fn with_model_at<R>(
    lang: Language,
    src: &str,
    path: Option<&str>,
    options: &ModelOptions,
    f: impl FnOnce(&Model<'_>) -> R,
) -> R {
    let tree = parse(lang, src, None).unwrap();
    let model = Model::build(&tree, src, path.map(std::path::Path::new), options);
    f(&model)
}

/// (receiver, method, api) of every classified call.
fn calls(lang: Language, src: &str) -> Vec<(String, Method, ClientKind)> {
    with_model(lang, src, |m| {
        m.calls
            .iter()
            .map(|c| (c.receiver_key.clone(), c.method, c.api))
            .collect()
    })
}

const TS: Language = Language::TypeScript;
const JS: Language = Language::JavaScript;

#[test]
fn imports_named_aliased_namespace_and_default() {
    let src = r#"
import { TrackClient as TC, APIClient } from 'customerio-node';
import * as CIO from 'customerio-node';
import Legacy from 'customerio-node';
const a = new TC(s, k);
const b = new CIO.TrackClient(s, k);
const c = new Legacy(s, k);
const d = new APIClient(key);
a.identify('1', {}); b.track('1', { name: 'x' }); c.destroy('1'); d.sendEmail(req);
"#;
    assert_eq!(
        calls(TS, src),
        vec![
            ("a".into(), Method::Identify, ClientKind::Track),
            ("b".into(), Method::Track, ClientKind::Track),
            ("c".into(), Method::Destroy, ClientKind::Track),
            ("d".into(), Method::SendEmail, ClientKind::App),
        ]
    );
}

#[test]
fn requires_destructured_namespace_member_and_api_subpath() {
    let src = r#"
const { TrackClient, APIClient: Api, RegionEU } = require('customerio-node');
const CIO = require('customerio-node');
const TC2 = require("customerio-node").TrackClient;
const AppClient = require('customerio-node/api');
const t = new TrackClient(s, k, { region: RegionEU });
const legacy = new CIO(s, k);
const t2 = new TC2(s, k);
const app = new Api(key);
const app2 = new AppClient(key);
t.identify(1, {}); legacy.identify(1, {}); t2.identify(1, {}); app.sendEmail(r); app2.sendPush(r);
"#;
    let got = calls(JS, src);
    assert_eq!(got.len(), 5, "{got:?}");
    assert!(got[..3].iter().all(|c| c.2 == ClientKind::Track));
    assert!(got[3..].iter().all(|c| c.2 == ClientKind::App));
    with_model(JS, src, |m| {
        assert!(m.imports_sdk);
        assert_eq!(m.quote, Some('\''));
        assert_eq!(m.constructions.len(), 5);
    });
}

#[test]
fn class_fields_this_assignments_parameter_properties_and_annotations() {
    let src = r#"
import { TrackClient, APIClient } from 'customerio-node';
class A {
  private cio: TrackClient;
  private mailer = new APIClient(k);
  constructor(private readonly tracker: TrackClient) { this.other = new TrackClient(s, k); }
  run() {
    this.cio.identify(id, {});
    this.mailer.sendEmail(r);
    this.tracker?.track(id, { name: 'a' });
    this.other.identify(id, {});
  }
}
const send = (client: APIClient) => client.triggerBroadcast(1);
function f(t: TrackClient) { return t.suppress(id); }
"#;
    let got = calls(TS, src);
    let receivers: Vec<&str> = got.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(
        receivers,
        [
            "this.cio",
            "this.mailer",
            "this.tracker",
            "this.other",
            "client",
            "t"
        ]
    );
}

#[test]
fn name_heuristic_counts_when_construction_is_out_of_sight() {
    let src = r#"
import { cio } from './lib/customerio';
export async function f(user) {
  await cio.identify(user.id, { email: user.email });
  await this.shared.customerIo.track(user.id, { name: 'x' });
  cioClient.identify({ userId: user.id, traits: {} });
  await trackerCio.sendEmail(req);
}
"#;
    assert_eq!(
        calls(TS, src),
        vec![
            ("cio".into(), Method::Identify, ClientKind::Track),
            (
                "this.shared.customerIo".into(),
                Method::Track,
                ClientKind::Track
            ),
            ("cioClient".into(), Method::Identify, ClientKind::Pipelines),
            ("trackerCio".into(), Method::SendEmail, ClientKind::App),
        ]
    );
}

#[test]
fn configured_client_names() {
    let src =
        "analytics.cio.identify('1', {}); tracker.track('1', { name: 'a' }); other.track('1', {});";
    let options = ModelOptions {
        clients: vec!["analytics.cio".into(), "tracker".into()],
        ..ModelOptions::default()
    };
    with_model_at(JS, src, None, &options, |m| {
        let keys: Vec<&str> = m.calls.iter().map(|c| c.receiver_key.as_str()).collect();
        assert_eq!(keys, ["analytics.cio", "tracker"]);
    });
}

#[test]
fn data_pipelines_and_browser_clients() {
    let src = r#"
import { Analytics } from '@customerio/cdp-analytics-node';
import { AnalyticsBrowser } from '@customerio/cdp-analytics-browser';
const analytics = new Analytics({ writeKey: process.env.W });
const browser = AnalyticsBrowser.load({ writeKey: 'k' });
analytics.identify({ userId: '1', traits: { plan: 'pro' } });
analytics.track({ userId: '1', event: 'signed_up', properties: { a: 1 } });
browser.page();
_cio.identify({ id: '1', email: 'a@b.c', created_at: 1 });
window._cio.track('clicked', { a: 1 });
cioanalytics.track('viewed', { a: 1 });
"#;
    let got = calls(TS, src);
    let kinds: Vec<ClientKind> = got.iter().map(|c| c.2).collect();
    assert_eq!(
        kinds,
        [
            ClientKind::Pipelines,
            ClientKind::Pipelines,
            ClientKind::BrowserPipelines,
            ClientKind::ClassicBrowser,
            ClientKind::ClassicBrowser,
            ClientKind::BrowserPipelines,
        ]
    );
    with_model(TS, src, |m| {
        let track = &m.calls[1];
        assert_eq!(
            track.event_name.map(|n| &src[n.byte_range()]),
            Some("'signed_up'")
        );
        assert_eq!(track.customer_id.map(|n| &src[n.byte_range()]), Some("'1'"));
        assert_eq!(track.attributes_key, Some("properties"));
        let cio = &m.calls[3];
        assert_eq!(cio.customer_id.map(|n| &src[n.byte_range()]), Some("'1'"));
        assert_eq!(m.constructions.len(), 2);
    });
}

#[test]
fn payloads_in_place_and_through_a_local_const() {
    let src = r#"
import { TrackClient } from 'customerio-node';
const cio = new TrackClient(s, k);
async function f(user) {
  const attrs = { email: user.email, created_at: Date.now() };
  await cio.identify(user.id, attrs);
  await cio.track(user.id, { name: 'order', data: { total: 3, items: [{ sku: 'a' }] }, timestamp: 1 });
}
function g() { cio.identify(1, attrs); }
"#;
    with_model(TS, src, |m| {
        let keys = |i: usize| -> Vec<(String, usize)> {
            m.entries_of(i).map(|e| (e.key.clone(), e.depth)).collect()
        };
        assert_eq!(keys(0), [("email".into(), 0), ("created_at".into(), 0)]);
        assert_eq!(
            keys(1),
            [
                ("name".into(), 0),
                ("data".into(), 0),
                ("total".into(), 1),
                ("items".into(), 1),
                ("sku".into(), 3),
                ("timestamp".into(), 0)
            ]
        );
        // `attrs` of another function is not this call's payload.
        assert!(keys(2).is_empty());
        assert_eq!(
            m.calls[1].event_name.map(|n| &src[n.byte_range()]),
            Some("'order'")
        );
    });
}

#[test]
fn request_handlers() {
    let src = r#"
import express from 'express';
const router = express.Router();
router.post('/signup', async (req, res) => { await cio.identify(1, {}); });
app.route('/x').get(function (req, res) { cio.identify(2, {}); });
router.get('/y', handleY);
async function handleY(request, reply) { cio.identify(3, {}); }
function worker(job) { cio.identify(4, {}); }
@Controller('users')
class UsersController {
  @Post()
  async create(@Body() body) { await this.cio.identify(5, {}); }
  helper() { this.cio.identify(6, {}); }
}
"#;
    with_model(TS, src, |m| {
        let handled: Vec<bool> = m.calls.iter().map(|c| m.handler_of(c).is_some()).collect();
        assert_eq!(handled, [true, true, true, false, true, false]);
        assert_eq!(
            m.handler_of(&m.calls[4]).map(|h| h.kind),
            Some(HandlerKind::NestController)
        );
    });
}

#[test]
fn nextjs_route_handlers_by_path() {
    let src = "export async function POST(request) { await cio.identify(1, {}); }\nexport default function handler(req, res) { cio.identify(2, {}); }\nexport async function helper() { cio.identify(3, {}); }";
    let kinds = |path: &str| {
        with_model_at(TS, src, Some(path), &ModelOptions::default(), |m| {
            m.calls
                .iter()
                .map(|c| m.handler_of(c).map(|h| h.kind))
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(
        kinds("app/api/signup/route.ts"),
        [
            Some(HandlerKind::NextJs),
            Some(HandlerKind::RequestResponse),
            None
        ]
    );
    assert_eq!(
        kinds("pages/api/signup.ts"),
        [None, Some(HandlerKind::NextJs), None]
    );
}

#[test]
fn never_other_analytics_sdks() {
    let src = r#"
import { Analytics } from '@segment/analytics-node';
import Mixpanel from 'mixpanel';
import { PostHog } from 'posthog-node';
import * as amplitude from '@amplitude/analytics-node';
import Rudder from '@rudderstack/rudder-sdk-node';
const analytics = new Analytics({ writeKey: 'k' });
const mixpanel = Mixpanel.init('t');
const posthog = new PostHog('k');
const rudder = new Rudder('k', 'u');
analytics.identify({ userId: '1', traits: {} });
analytics.track({ userId: '1', event: 'x', timestamp: Date.now() });
mixpanel.track('x', { time: Date.now() });
posthog.capture({ distinctId: '1', event: 'x' });
amplitude.track('x');
rudder.identify({ userId: '1' });
"#;
    assert!(calls(TS, src).is_empty());
    with_model(TS, src, |m| assert!(m.constructions.is_empty()));
}

#[test]
fn never_user_classes_with_track_and_identify_methods() {
    let src = r#"
class Tracker { track(id, e) {} identify(id, a) {} }
const tracker = new Tracker();
tracker.track(user.id, { name: 'x', timestamp: Date.now() });
tracker.identify(user.id, { created_at: Date.now() });
this.analytics.identify(user.id, {});
function f(cio: MyTracker) { cio.identify(1, {}); }
const cio = new Mixpanel();
cio.track('x', {});
"#;
    assert!(calls(TS, src).is_empty(), "{:?}", calls(TS, src));
}

#[test]
fn never_comments_strings_or_ambient_declarations() {
    let src = r#"
// cio.identify(user.id, { created_at: Date.now() });
/* _cio.identify({ id: 1 }) */
const html = '<script>_cio.identify({ id: "1" });</script>';
const tpl = `_cio.track('x')`;
declare module 'customerio-node' {
  export class TrackClient { identify(id: string, data: object): Promise<void>; }
}
"#;
    assert!(calls(TS, src).is_empty());
}

#[test]
fn names_visible_at_a_call() {
    let src = r#"
import { TrackClient } from 'customerio-node';
const cio = new TrackClient(s, k);
const moduleName = 1;
export function signup(user, { anonymousId }, [first], rest = 2) {
  const email = user.email;
  if (user.flag) {
    const hidden = 3;
  }
  cio.identify(user.id, { email });
  const later = 4;
  return anonId => cio.track(anonId, { name: 'x' });
}
"#;
    with_model(JS, src, |m| {
        let names = |i: usize| -> Vec<String> {
            let call = &m.calls[i];
            let mut v: Vec<String> = m
                .names_visible_at(call.scope, call.node)
                .map(|d| src[d.name.byte_range()].to_string())
                .collect();
            v.sort();
            v
        };
        assert_eq!(
            names(0),
            [
                "anonymousId",
                "cio",
                "email",
                "first",
                "moduleName",
                "rest",
                "user"
            ]
        );
        let inner = names(1);
        assert!(inner.contains(&"anonId".to_string()) && inner.contains(&"later".to_string()));
        assert!(!inner.contains(&"hidden".to_string()));
        let module: Vec<bool> = m
            .names_visible_at(m.calls[0].scope, m.calls[0].node)
            .filter(|d| &src[d.name.byte_range()] == "cio")
            .map(|d| d.is_module_level())
            .collect();
        assert_eq!(module, [true]);
    });
    // Parameters of a type declare nothing.
    let ts = r#"
import { TrackClient } from 'customerio-node';
const cio = new TrackClient(s, k);
export function f(user: { id: string }) {
  const cb: (anonId: string) => void = () => {};
  cio.identify(user.id, {});
}
"#;
    with_model(TS, ts, |m| {
        let call = &m.calls[0];
        let names: Vec<&str> = m
            .names_visible_at(call.scope, call.node)
            .map(|d| &ts[d.name.byte_range()])
            .collect();
        assert!(
            names.contains(&"cb") && !names.contains(&"anonId"),
            "{names:?}"
        );
    });
}

#[test]
fn a_name_merely_containing_cio_is_not_a_client() {
    assert!(calls(
        JS,
        "precious.track(1, {}); socio.identify(1, {}); cioccolato.track(1, {});"
    )
    .is_empty());
}

#[test]
fn prefilter() {
    assert!(may_contain_customerio(
        "import x from 'customerio-node'",
        &[]
    ));
    assert!(may_contain_customerio("cio.track()", &[]));
    assert!(!may_contain_customerio(
        "export const add = (a, b) => a + b;",
        &[]
    ));
    assert!(may_contain_customerio(
        "tracker.track()",
        &["tracker".into()]
    ));
}

#[test]
fn loops_and_limiters_around_calls() {
    let src = r#"
for (const u of users) { await cio.identify(u.id, {}); }
for (const u of [a, b]) { await cio.identify(u.id, {}); }
for (const d of await cio.identify(x, {})) {}
users.forEach((u) => cio.track(u.id, { name: 'a' }));
await Promise.all(users.map((u) => cio.track(u.id, { name: 'b' })));
const ps = users.map((u) => cio.track(u.id, { name: 'c' }));
await Promise.all(users.map((u) => limit(() => cio.track(u.id, { name: 'd' }))));
for (const u of users) { queue.add(() => cio.track(u.id, { name: 'e' })); }
for (const u of users) { await retry(() => cio.track(u.id, { name: 'f' })); }
for (const u of users) { function later() { cio.track(u.id, { name: 'g' }); } }
"#;
    with_model(TS, src, |m| {
        let kinds: Vec<Option<RepetitionKind>> = m
            .calls
            .iter()
            .map(|c| c.repetition.map(|r| r.kind))
            .collect();
        use RepetitionKind::*;
        assert_eq!(
            kinds,
            [
                Some(Loop),
                None,
                None,
                Some(ForEach),
                Some(ConcurrentMap),
                None,
                None,
                None,
                Some(Loop),
                None
            ]
        );
    });
}

#[test]
fn what_becomes_of_a_promise() {
    let src = r#"
async function f() {
  cio.track(1, { name: 'a' });
  await cio.track(2, { name: 'b' });
  const r = await cio.track(3, { name: 'c' });
  cio.track(4, { name: 'd' }).then(ok).catch(fail);
  cio.track(5, { name: 'e' }).then(ok);
  cio.track(6, { name: 'f' }).then(ok, fail);
  void cio.track(7, { name: 'g' });
  flag && cio.track(8, { name: 'h' });
  list.forEach((x) => cio.track(9, { name: 'i' }));
  await Promise.all([cio.track(10, { name: 'j' })]);
  return cio.track(11, { name: 'k' });
}
"#;
    with_model(TS, src, |m| {
        let uses: Vec<(&str, bool)> = m
            .calls
            .iter()
            .map(|c| {
                let consumer = match c.result.consumer {
                    PromiseConsumer::Dropped => "dropped",
                    PromiseConsumer::Voided => "void",
                    PromiseConsumer::Awaited {
                        statement: true, ..
                    } => "await;",
                    PromiseConsumer::Awaited { .. } => "await",
                    PromiseConsumer::Kept => "kept",
                };
                (consumer, c.result.caught)
            })
            .collect();
        assert_eq!(
            uses,
            [
                ("dropped", false),
                ("await;", false),
                ("await", false),
                ("dropped", true),
                ("dropped", false),
                ("dropped", true),
                ("void", false),
                ("dropped", false),
                ("dropped", false),
                ("kept", false),
                ("kept", false),
            ]
        );
        let e = &m.calls[4];
        assert!(src[e.result.chain_end.byte_range()].ends_with(".then(ok)"));
    });
}

#[test]
fn handlers_are_listed_with_their_routes_and_listeners() {
    let src = r#"
router.post('/webhooks/customerio', verify, async (req, res) => {});
app.get('/health', healthCheck);
function healthCheck(req, res) {}
function helper(job) {}
emitter.on('email_bounced', () => {});
"#;
    with_model(JS, src, |m| {
        let routes: Vec<Option<&str>> = m
            .handlers
            .iter()
            .map(|h| {
                h.route
                    .and_then(|r| r.field("arguments"))
                    .and_then(|a| a.named_child(0))
                    .map(|p| &src[p.byte_range()])
            })
            .collect();
        assert_eq!(routes, [Some("'/webhooks/customerio'"), Some("'/health'")]);
        assert_eq!(m.listeners.len(), 1);
        assert_eq!(m.listeners[0].event, "email_bounced");
    });
}

#[test]
fn react_native_customerio_by_import_alias_namespace_and_require() {
    let src = r#"
import { CustomerIO, CustomerIO as Cio } from 'customerio-reactnative';
import * as RN from 'customerio-reactnative';
const { CustomerIO: Required } = require('customerio-reactnative');
CustomerIO.initialize({ cdpApiKey: k, inApp: { siteId: s } });
Cio.identify({ userId: user.id, traits: { plan: 'pro' } });
RN.CustomerIO.track('opened', { a: 1 });
Required.screen('Home');
CustomerIO.setProfileAttributes({ plan: 'pro' });
CustomerIO.clearIdentify();
CustomerIO.registerDeviceToken(token);
CustomerIO.trackMetric({ deliveryID: d, deviceToken: t, event: MetricEvent.Opened });
CustomerIO.pushMessaging.onMessageReceived(m);
CustomerIO.isInitialized();
"#;
    let got: Vec<(String, Method)> = calls(TS, src)
        .into_iter()
        .inspect(|c| assert_eq!(c.2, ClientKind::Mobile, "{c:?}"))
        .map(|c| (c.0, c.1))
        .collect();
    assert_eq!(
        got,
        [
            ("CustomerIO".into(), Method::Initialize),
            ("Cio".into(), Method::Identify),
            ("RN.CustomerIO".into(), Method::Track),
            ("Required".into(), Method::Screen),
            ("CustomerIO".into(), Method::SetProfileAttributes),
            ("CustomerIO".into(), Method::ClearIdentify),
            ("CustomerIO".into(), Method::RegisterDeviceToken),
            ("CustomerIO".into(), Method::TrackMetric),
        ]
    );
    with_model(TS, src, |m| {
        let identify = &m.calls[1];
        assert_eq!(
            identify.customer_id.map(|n| &src[n.byte_range()]),
            Some("user.id")
        );
        assert_eq!(
            identify.attributes.map(|n| &src[n.byte_range()]),
            Some("{ plan: 'pro' }")
        );
        assert_eq!(
            m.calls[2].event_name.map(|n| &src[n.byte_range()]),
            Some("'opened'")
        );
        assert_eq!(
            m.calls[3].event_name.map(|n| &src[n.byte_range()]),
            Some("'Home'")
        );
        assert!(m.imports_sdk);
    });
}

#[test]
fn react_native_lookalikes_are_not_customerio() {
    let src = r#"
import { createClient } from '@segment/analytics-react-native';
import * as amplitude from '@amplitude/analytics-react-native';
import { Mixpanel } from 'mixpanel-react-native';
const segment = createClient({ writeKey: 'w' });
const mixpanel = new Mixpanel('t', true);
segment.identify('1', { a: 1 });
segment.screen('Home');
amplitude.track('opened');
mixpanel.track('opened');
"#;
    assert!(calls(TS, src).is_empty(), "{:?}", calls(TS, src));
    let foreign = "import { CustomerIO } from 'some-other-sdk';\nCustomerIO.initialize({ cdpApiKey: 'k' });\nCustomerIO.track('x');\n";
    assert!(calls(TS, foreign).is_empty(), "{:?}", calls(TS, foreign));
}

#[test]
fn analytics_library_with_the_customerio_plugin() {
    let src = r#"
import Analytics from 'analytics';
import customerIOPlugin from '@analytics/customerio';
import googleAnalytics from '@analytics/google-analytics';
const plugin = customerIOPlugin({ siteId: s });
const analytics = Analytics({ app: 'a', plugins: [googleAnalytics({}), plugin] });
const inline = Analytics({ app: 'b', plugins: [customerIOPlugin({ siteId: s })] });
const other = Analytics({ app: 'c', plugins: [googleAnalytics({})] });
analytics.identify('1', { plan: 'pro' });
inline.track('opened', { a: 1 });
inline.page();
other.track('opened');
"#;
    assert_eq!(
        calls(JS, src),
        vec![
            (
                "analytics".into(),
                Method::Identify,
                ClientKind::AnalyticsLibrary
            ),
            ("inline".into(), Method::Track, ClientKind::AnalyticsLibrary),
            ("inline".into(), Method::Page, ClientKind::AnalyticsLibrary),
        ]
    );
    with_model(JS, src, |m| {
        let kinds: Vec<ClientKind> = m.constructions.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            [ClientKind::AnalyticsLibrary, ClientKind::AnalyticsLibrary]
        );
        assert_eq!(
            m.calls[0].customer_id.map(|n| &src[n.byte_range()]),
            Some("'1'")
        );
    });
}
