// Segment, Mixpanel and PostHog keyed by email are not Customer.io calls.
const { Analytics } = require('@segment/analytics-node');
const Mixpanel = require('mixpanel');
const { PostHog } = require('posthog-node');

const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY });
const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN);
const posthog = new PostHog(process.env.POSTHOG_KEY);

function onLogin(user) {
  analytics.identify({ userId: user.email, traits: { plan: user.plan } });
  mixpanel.track('Logged In', { distinct_id: user.email });
  posthog.identify({ distinctId: user.email });
}

module.exports = { onLogin };
