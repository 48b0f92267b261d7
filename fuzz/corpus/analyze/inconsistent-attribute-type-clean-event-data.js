// Keys of event data are not person attributes.
const { TrackClient } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);

async function purchase(userId) {
  await cio.identify(userId, { plan: 'premium' });
  await cio.track(userId, { name: 'plan_changed', data: { plan: 3 } });
}

module.exports = { purchase };
