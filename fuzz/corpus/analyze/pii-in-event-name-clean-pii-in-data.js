// PII belongs in attributes and event data; names only mention what happened.
const { TrackClient } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);

async function contactDetailsChanged(user, previous) {
  await cio.identify(user.id, { email: user.email, phone: user.phone, first_name: user.firstName });
  await cio.track(user.id, { name: 'email_changed', data: { email: user.email, previous_email: previous.email } });
  await cio.track(user.id, { name: 'phone_verified', data: { phone: user.phone } });
  await cio.track(user.id, { name: 'email_action', data: { label: `Sent to ${user.email}` } });
}

module.exports = { contactDetailsChanged };
