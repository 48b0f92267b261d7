// trackAnonymous event names follow the same style.
const { TrackClient } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);

async function landing(anonymousId, campaign) {
  await cio.trackAnonymous(anonymousId, { name: `landingPageViewed`, data: { campaign } });
  //                                            ^ event-name-style
}

module.exports = { landing };
