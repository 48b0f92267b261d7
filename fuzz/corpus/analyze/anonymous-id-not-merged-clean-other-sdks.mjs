// Segment and PostHog keep their own anonymous ids.
import { Analytics } from '@segment/analytics-node';
import { PostHog } from 'posthog-node';

const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY });
const posthog = new PostHog(process.env.POSTHOG_KEY);

export function signup(user, anonymousId) {
  analytics.identify({ userId: user.id, traits: { email: user.email } });
  posthog.identify({ distinctId: user.id, properties: { email: user.email } });
}
