// Segment, Mixpanel, PostHog and our own tracker beside a Customer.io client.
const { Analytics } = require('@segment/analytics-node');
const Mixpanel = require('mixpanel');
const { PostHog } = require('posthog-node');
const { TrackClient } = require('customerio-node');

const segment = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY });
const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN);
const posthog = new PostHog(process.env.POSTHOG_KEY);
const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);

class AuditTrail {
  track(name) {
    return name;
  }
}
const audit = new AuditTrail();

function onLogin(user) {
  segment.track({ userId: user.id, event: 'Logged In' });
  mixpanel.track('Logged In', { distinct_id: user.id });
  posthog.capture({ distinctId: user.id, event: 'logged_in' });
  audit.track('login');
  return cio.track(user.id, { name: 'logged_in' });
}

module.exports = { onLogin };
