// A thin wrapper: the name is whatever the caller passes.
const { TrackClient } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);

function trackEvent(userId, name, data = {}) {
  return cio.track(userId, { name, data });
}

async function onExport(userId, format) {
  console.log(`export finished for ${userId} as ${format}`);
  await trackEvent(userId, 'export_finished', { format });
}

module.exports = { trackEvent, onExport };
