const { TrackClient } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);

async function viewed(user, product) {
  // cio-lint-ignore dynamic-event-name
//^ unused-suppression
  await cio.track(user.id, { name: `viewed_${product.kind}` });
}

module.exports = { viewed };
