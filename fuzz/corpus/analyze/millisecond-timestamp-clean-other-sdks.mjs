// Segment, Mixpanel, PostHog and Amplitude take milliseconds (or Dates); none is Customer.io.
import { Analytics } from '@segment/analytics-node';
import Mixpanel from 'mixpanel';
import { PostHog } from 'posthog-node';
import * as amplitude from '@amplitude/analytics-node';

const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY });
const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN);
const posthog = new PostHog(process.env.POSTHOG_KEY);
amplitude.init(process.env.AMPLITUDE_API_KEY);

export function orderCompleted(user, order) {
  analytics.identify({ userId: user.id, traits: { email: user.email, created_at: Date.now() } });
  analytics.track({ userId: user.id, event: 'Order Completed', timestamp: Date.now() });
  mixpanel.track('Order Completed', { distinct_id: user.id, time: Date.now(), total: order.total });
  posthog.capture({ distinctId: user.id, event: 'order completed', properties: { completed_at: Date.now() } });
  amplitude.track('Order Completed', { total: order.total }, { user_id: user.id, time: Date.now() });
}
