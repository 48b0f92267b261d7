// trackAnonymous takes an anonymous id, and other Track methods use the id chosen elsewhere.
const { TrackClient } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);

async function newsletterSignup(anonymousId, email) {
  await cio.trackAnonymous(anonymousId, { name: 'newsletter_signup', data: { email } });
}

module.exports = { newsletterSignup };
