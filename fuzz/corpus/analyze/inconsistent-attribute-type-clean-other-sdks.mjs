// Segment, PostHog and a project's own identify are not Customer.io.
import { Analytics } from '@segment/analytics-node';
import { PostHog } from 'posthog-node';
import { TrackClient } from 'customerio-node';
import { crm } from './crm';

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);
const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY });
const posthog = new PostHog(process.env.POSTHOG_KEY);

export function sync(user) {
  cio.identify(user.id, { plan: 'premium' });
  analytics.identify({ userId: user.id, traits: { plan: 1 } });
  posthog.identify({ distinctId: user.id, properties: { plan: true } });
  crm.identify(user.id, { plan: 2 });
}
