// Segment, Mixpanel and PostHog allow whatever naming the team picks.
import { Analytics } from '@segment/analytics-node';
import Mixpanel from 'mixpanel';
import { PostHog } from 'posthog-node';

const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY });
const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN);
const posthog = new PostHog(process.env.POSTHOG_KEY);

export function featureUsed(userId, feature) {
  analytics.track({ userId, event: `Used ${feature.name}` });
  mixpanel.track('used_' + feature.key, { distinct_id: userId });
  posthog.capture({ distinctId: userId, event: `${feature.key}_used` });
}
