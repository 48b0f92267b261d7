// Segment, Mixpanel, Amplitude and PostHog event names are their own business.
const { Analytics } = require('@segment/analytics-node');
const Mixpanel = require('mixpanel');
const { PostHog } = require('posthog-node');

const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY });
const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN);
const posthog = new PostHog(process.env.POSTHOG_KEY);

function purchased(user, order) {
  analytics.track({ userId: user.id, event: 'OrderCompleted' });
  mixpanel.track('Order Completed', { distinct_id: user.id });
  posthog.capture({ distinctId: user.id, event: 'order-completed' });
}

module.exports = { purchased };
