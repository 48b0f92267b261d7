// Segment and PostHog are not Customer.io, and a logger is not a client.
const { Analytics } = require('@segment/analytics-node');
const { PostHog } = require('posthog-node');

const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY });
const posthog = new PostHog(process.env.POSTHOG_KEY);

function handle(req, res) {
  analytics.identify({ userId: req.user.id, traits: req.body });
  posthog.capture({ distinctId: req.user.id, event: 'form', properties: { ...req.body } });
  audit.track(req.user.id, req.body);
  res.end();
}

module.exports = { handle };
