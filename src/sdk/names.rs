//! What names mean: the SDK packages and their exports, client-like identifiers.

/// A Customer.io SDK package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Package {
    /// `customerio-node` (Track API, App API, and its `PipelinesClient`).
    Node,
    /// `customerio-node/api`: the legacy subpath whose default export is the App API client.
    NodeApi,
    /// `@customerio/cdp-analytics-node`.
    CdpNode,
    /// `@customerio/cdp-analytics-browser`.
    CdpBrowser,
    /// `customerio-reactnative` (6.x): the static `CustomerIO` class.
    ReactNative,
    /// `@analytics/customerio`: the Customer.io plugin of the `analytics` library.
    AnalyticsPlugin,
}

impl Package {
    /// Every import specifier that names an SDK package, with the package it names.
    pub const SPECIFIERS: [(&'static str, Package); 9] = [
        ("customerio-node", Package::Node),
        ("customerio-node/track", Package::Node),
        ("customerio-node/lib/track", Package::Node),
        ("customerio-node/api", Package::NodeApi),
        ("customerio-node/lib/api", Package::NodeApi),
        ("@customerio/cdp-analytics-node", Package::CdpNode),
        ("@customerio/cdp-analytics-browser", Package::CdpBrowser),
        ("customerio-reactnative", Package::ReactNative),
        ("@analytics/customerio", Package::AnalyticsPlugin),
    ];

    pub fn from_specifier(spec: &str) -> Option<Self> {
        Self::SPECIFIERS
            .iter()
            .find(|(s, _)| *s == spec)
            .map(|&(_, p)| p)
    }
}

pub use crate::options::ClientKind;

/// What an SDK export constructs or provides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// A constructor (`new X(…)`) of a client of this kind.
    Constructor(ClientKind),
    /// `AnalyticsBrowser` — `AnalyticsBrowser.load(…)` returns a browser client.
    BrowserLoader,
    /// The package namespace (`import * as CIO`, `const CIO = require(…)`); also the
    /// legacy default constructor when called with `new`.
    Namespace(Package),
    /// `verifyRequestSignature` (webhook signature check).
    VerifySignature,
    /// An export that is itself a client, called through its static methods
    /// (`CustomerIO.identify(…)` of `customerio-reactnative`).
    StaticClient(ClientKind),
    /// `customerIOPlugin` of `@analytics/customerio`: an `analytics` instance whose
    /// `plugins` hold its result sends to Customer.io.
    Plugin,
    /// Anything else the package exports (`RegionUS`, `SendEmailRequest`, …).
    Other,
}

/// The meaning of `name` exported by `package`.
pub fn export(package: Package, name: &str) -> Export {
    match (package, name) {
        (Package::Node, "TrackClient") => Export::Constructor(ClientKind::Track),
        (Package::Node, "APIClient") | (Package::NodeApi, "APIClient") => {
            Export::Constructor(ClientKind::App)
        }
        (Package::Node, "PipelinesClient") => Export::Constructor(ClientKind::Pipelines),
        (Package::Node, "verifyRequestSignature") => Export::VerifySignature,
        (Package::CdpNode, "Analytics") => Export::Constructor(ClientKind::Pipelines),
        (Package::CdpBrowser, "AnalyticsBrowser") => Export::BrowserLoader,
        (Package::ReactNative, "CustomerIO") => Export::StaticClient(ClientKind::Mobile),
        // Its only export is the default one; the name it is imported by is free.
        (Package::AnalyticsPlugin, _) => Export::Plugin,
        _ => Export::Other,
    }
}

/// What `new X(…)` builds when `X` is the default export or namespace of `package`.
pub fn legacy_default(package: Package) -> Option<ClientKind> {
    match package {
        Package::Node => Some(ClientKind::Track),
        Package::NodeApi => Some(ClientKind::App),
        Package::CdpNode
        | Package::CdpBrowser
        | Package::ReactNative
        | Package::AnalyticsPlugin => None,
    }
}

/// Splits an identifier into lower-case words (camelCase, snake_case, kebab, dots).
pub(crate) fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let hump = c.is_uppercase()
            && i > 0
            && (chars[i - 1].is_lowercase()
                || chars[i - 1].is_ascii_digit()
                || (chars[i - 1].is_uppercase()
                    && chars.get(i + 1).is_some_and(|n| n.is_lowercase())));
        if hump && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A name that says "Customer.io client": `cio`, `customerio`, `customerIo`,
/// `cioClient`, `trackerCio`, `CUSTOMERIO_CLIENT`, `customer_io`… A name merely
/// containing the letters (`precious`, `socio`) does not count.
pub fn is_client_like_name(name: &str) -> bool {
    let w = words(name);
    w.iter().any(|w| w == "cio" || w == "customerio")
        || w.windows(2).any(|p| p[0] == "customer" && p[1] == "io")
}

/// A binding name that holds an anonymous id (`anonymousId`, `anonId`, `anonymous_id`).
pub fn is_anonymous_id_name(name: &str) -> bool {
    let w = words(name);
    w.windows(2)
        .any(|p| (p[0] == "anonymous" || p[0] == "anon") && p[1] == "id")
}

/// Methods per API. Calls to other methods of a client are not classified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Identify,
    Track,
    TrackAnonymous,
    TrackPageView,
    Page,
    Screen,
    Group,
    Alias,
    Destroy,
    Suppress,
    Unsuppress,
    AddDevice,
    DeleteDevice,
    MergeCustomers,
    SendEmail,
    SendPush,
    SendSms,
    TriggerBroadcast,
    /// Any other App API request (`getCustomersByEmail`, `listExports`, …).
    AppRequest,
    /// `reset()` of the browser SDKs and the `analytics` library: forgets the person.
    Reset,
    /// The React Native SDK's own methods.
    Initialize,
    ClearIdentify,
    SetProfileAttributes,
    SetDeviceAttributes,
    RegisterDeviceToken,
    DeleteDeviceToken,
    TrackMetric,
}

impl Method {
    pub fn parse(kind: ClientKind, name: &str) -> Option<Method> {
        use ClientKind::*;
        if kind == Mobile {
            return Some(match name {
                "initialize" => Method::Initialize,
                "identify" => Method::Identify,
                "clearIdentify" => Method::ClearIdentify,
                "track" => Method::Track,
                "screen" => Method::Screen,
                "setProfileAttributes" => Method::SetProfileAttributes,
                "setDeviceAttributes" => Method::SetDeviceAttributes,
                "registerDeviceToken" => Method::RegisterDeviceToken,
                "deleteDeviceToken" => Method::DeleteDeviceToken,
                "trackMetric" => Method::TrackMetric,
                _ => return None,
            });
        }
        let m = match name {
            "identify" => Method::Identify,
            "track" => Method::Track,
            "trackAnonymous" if matches!(kind, Track | Unknown) => Method::TrackAnonymous,
            "trackPageView" if matches!(kind, Track | Unknown) => Method::TrackPageView,
            "page" if !matches!(kind, Track | App) => Method::Page,
            "screen" | "group" | "alias"
                if matches!(kind, Pipelines | BrowserPipelines | Unknown) =>
            {
                match name {
                    "screen" => Method::Screen,
                    "group" => Method::Group,
                    _ => Method::Alias,
                }
            }
            "reset" if !matches!(kind, Track | App | Pipelines) => Method::Reset,
            "destroy" => Method::Destroy,
            "suppress" => Method::Suppress,
            "unsuppress" => Method::Unsuppress,
            "addDevice" => Method::AddDevice,
            "deleteDevice" => Method::DeleteDevice,
            "mergeCustomers" => Method::MergeCustomers,
            "sendEmail" => Method::SendEmail,
            "sendPush" => Method::SendPush,
            "sendSMS" | "sendSms" => Method::SendSms,
            "triggerBroadcast" => Method::TriggerBroadcast,
            "getCustomersByEmail"
            | "getAttributes"
            | "listExports"
            | "getExport"
            | "downloadExport"
            | "createCustomersExport"
            | "createDeliveriesExport"
            | "getDeliveries" => Method::AppRequest,
            _ => return None,
        };
        let fits = match kind {
            Track => matches!(
                m,
                Method::Identify
                    | Method::Track
                    | Method::TrackAnonymous
                    | Method::TrackPageView
                    | Method::Destroy
                    | Method::Suppress
                    | Method::Unsuppress
                    | Method::AddDevice
                    | Method::DeleteDevice
                    | Method::MergeCustomers
            ),
            App => matches!(
                m,
                Method::SendEmail
                    | Method::SendPush
                    | Method::SendSms
                    | Method::TriggerBroadcast
                    | Method::AppRequest
            ),
            Pipelines | BrowserPipelines => matches!(
                m,
                Method::Identify
                    | Method::Track
                    | Method::Page
                    | Method::Screen
                    | Method::Group
                    | Method::Alias
                    | Method::Reset
            ),
            ClassicBrowser | AnalyticsLibrary => {
                matches!(
                    m,
                    Method::Identify | Method::Track | Method::Page | Method::Reset
                )
            }
            Mobile => false,
            Unknown => true,
        };
        fits.then_some(m)
    }

    /// Whether the call sends an event (and so has an event name).
    pub fn is_event(self) -> bool {
        matches!(self, Method::Track | Method::TrackAnonymous)
    }

    /// Whether `name` is a method of some client: the calls worth keeping in the walk.
    pub fn is_known(name: &str) -> bool {
        Method::parse(ClientKind::Unknown, name).is_some()
            || Method::parse(ClientKind::Mobile, name).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_like_names() {
        for yes in [
            "cio",
            "customerio",
            "customerIo",
            "customerIO",
            "cioClient",
            "trackerCio",
            "CIO",
            "CUSTOMERIO_CLIENT",
            "customer_io",
            "cioTrack",
            "_cio",
        ] {
            assert!(is_client_like_name(yes), "{yes}");
        }
        for no in [
            "precious",
            "socio",
            "analytics",
            "client",
            "mixpanel",
            "customer",
            "cioccolato",
        ] {
            assert!(!is_client_like_name(no), "{no}");
        }
    }

    #[test]
    fn words_of_identifiers() {
        assert_eq!(words("createdAt"), ["created", "at"]);
        assert_eq!(words("user.productID"), ["user", "product", "id"]);
    }

    #[test]
    fn anonymous_id_names() {
        assert!(is_anonymous_id_name("anonymousId"));
        assert!(is_anonymous_id_name("anon_id"));
        assert!(is_anonymous_id_name("previousAnonymousId"));
        assert!(!is_anonymous_id_name("userId"));
    }

    #[test]
    fn methods_belong_to_their_api() {
        assert_eq!(Method::parse(ClientKind::App, "track"), None);
        assert_eq!(Method::parse(ClientKind::Track, "sendEmail"), None);
        assert_eq!(Method::parse(ClientKind::Track, "page"), None);
        assert_eq!(
            Method::parse(ClientKind::Pipelines, "page"),
            Some(Method::Page)
        );
        assert_eq!(
            Method::parse(ClientKind::Unknown, "trackAnonymous"),
            Some(Method::TrackAnonymous)
        );
        assert_eq!(Method::parse(ClientKind::Track, "toString"), None);
    }
}
