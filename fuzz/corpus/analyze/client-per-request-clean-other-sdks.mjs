// Segment's Analytics, Mixpanel and PostHog built per request are not Customer.io.
import { Analytics } from '@segment/analytics-node';
import Mixpanel from 'mixpanel';
import { PostHog } from 'posthog-node';

export async function handler(req, res) {
  const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY });
  const posthog = new PostHog(process.env.POSTHOG_KEY);
  const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN);
  analytics.track({ userId: req.user.id, event: 'Visited' });
  posthog.capture({ distinctId: req.user.id, event: 'visited' });
  mixpanel.track('Visited', { distinct_id: req.user.id });
  res.end();
}
