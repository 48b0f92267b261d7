// Segment and PostHog take Dates for `timestamp`; they are not Customer.io.
const { Analytics } = require('@segment/analytics-node');
const { PostHog } = require('posthog-node');

const segment = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY });
const posthog = new PostHog(process.env.POSTHOG_KEY, { host: 'https://eu.posthog.com' });

function invoicePaid(invoice) {
  segment.track({ userId: invoice.customerId, event: 'Invoice Paid', timestamp: new Date(invoice.paidAt) });
  posthog.capture({ distinctId: invoice.customerId, event: 'invoice paid', timestamp: new Date() });
  posthog.identify({ distinctId: invoice.customerId, properties: { last_paid_at: new Date().toISOString() } });
}

module.exports = { invoicePaid };
