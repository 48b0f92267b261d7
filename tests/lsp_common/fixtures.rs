//! Source files the tests open.

pub const HEADER: &str = "import { TrackClient } from 'customerio-node';\nconst cio = new TrackClient(process.env.A!, process.env.B!);\n";

/// `Date.now()` (milliseconds) as `created_at` (Unix seconds): line 4.
pub const SIGNUP: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.A!, process.env.B!);

export async function signup(user: { id: string; email: string }) {
  await cio.identify(user.id, { email: user.email, created_at: Date.now() });
}
";

/// As [`SIGNUP`], with a string before the finding on its line (for the emoji edit).
pub const SIGNUP_WITH_PLAN: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.A!, process.env.B!);

export async function signup(user: { id: string; email: string }) {
  await cio.identify(user.id, { email: user.email, plan: 'pro', created_at: Date.now() });
}
";

pub const DATE_OBJECT: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.A!, process.env.B!);

export async function verify(user: { id: string }) {
  await cio.identify(user.id, { verified_at: new Date().toISOString() });
}
";

pub const TRACK_BEFORE_IDENTIFY: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.A!, process.env.B!);

export async function syncSignup(user: { id: string; email: string; plan: string }) {
  await cio.track(user.id, { name: 'signed_up', data: { plan: user.plan } });
  await cio.identify(user.id, { email: user.email, created_at: Math.floor(Date.now() / 1000) });
}
";

pub const DYNAMIC_EVENT_NAME: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient(process.env.A!, process.env.B!);

export async function viewed(user: { id: string }, productId: string) {
  await cio.track(user.id, { name: `viewed_product_${productId}` });
}
";

pub const HARDCODED_CREDENTIALS: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient('a1b2c3d4e5f6a7b8c9d0', process.env.CUSTOMERIO_TRACK_API_KEY!);

export async function ping(user: { id: string }) {
  await cio.identify(user.id, {});
}
";

/// Safe fixes of three rules, and a suggested one that fix-all must leave alone.
pub const MANY_PITFALLS: &str = "import { TrackClient } from 'customerio-node';
const cio = new TrackClient('a1b2c3d4e5f6a7b8c9d0', process.env.B!);

export async function onboard(user: { id: string; email: string; plan: string }) {
  await cio.track(user.id, { name: 'signed_up', timestamp: Date.now() });
  await cio.identify(user.id, { email: user.email, created_at: Date.now(), verified_at: new Date() });
}
";
