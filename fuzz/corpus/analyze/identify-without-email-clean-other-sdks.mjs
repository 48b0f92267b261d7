// Segment, PostHog and Mixpanel identify calls are not Customer.io.
import { Analytics } from '@segment/analytics-node';
import { PostHog } from 'posthog-node';
import Mixpanel from 'mixpanel';

const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY });
const posthog = new PostHog(process.env.POSTHOG_KEY);
const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN);

export function signup(user) {
  analytics.identify({ userId: user.id, traits: { created_at: user.createdAt } });
  posthog.identify({ distinctId: user.id, properties: { created_at: user.createdAt } });
  mixpanel.people.set(user.id, { created_at: user.createdAt });
}
