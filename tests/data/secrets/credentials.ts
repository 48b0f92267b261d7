// Credentials in every position a Customer.io client reads them from. None of these
// values may appear whole in any output of cio-lint (tests/secrets.rs).
import { APIClient, RegionUS, TrackClient } from 'customerio-node';
import { Analytics } from '@customerio/cdp-analytics-node';

// Constructor arguments.
export const track = new TrackClient('3f9a1c5e7b2d4f6a8c0e', 'b71d0e9c4a2f6e8d1c3a');
export const app = new APIClient('sk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0', { region: RegionUS });

// A config object.
const options = { siteId: 'c4e2a9f1d7b3e5c8a6f0', apiKey: 'e9d8c7b6a5f4e3d2c1b0' };
export const configured = new TrackClient(options);

// A template literal.
export const templated = new APIClient(`sk_live_7e3pl4a1e5ecre70000aaaa1111bbbb`);

// Fallbacks behind an environment variable.
const fallbackKey = process.env.CUSTOMERIO_APP_API_KEY || 'sk_live_fa11bac60r0000cccc2222dddd';
export const orClient = new APIClient(fallbackKey);
export const nullish = new APIClient(process.env.CUSTOMERIO_APP_API_KEY ?? 'sk_live_nu11i5h0000eeee3333ffff');

// A const indirection.
const KEY = 'sk_live_c0n57key0000aaaa4444bbbb';
export const indirect = new APIClient(KEY);

// A Data Pipelines write key.
export const analytics = new Analytics({ writeKey: 'wk_9a8b7c6d5e4f3a2b1c0d' });

// A client built in a request handler: client-per-request's fix would move the whole
// statement, keys included.
export async function signup(req: { body: { id: string } }, res: { sendStatus(n: number): void }) {
  const perRequest = new TrackClient('5d4c3b2a1f0e9d8c7b6a', '0a1b2c3d4e5f6a7b8c9d');
  await perRequest.identify(req.body.id, { email: 'a@example.com' });
  res.sendStatus(204);
}

// A key expression that holds its own value: wrong-api-key quotes the name only.
export const mixedUp = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, ({ appApiKey: 'sk_live_m1x3dup0000aaaa5555bbbb' }).appApiKey);
