// Events for one person, identify for another; anonymous events before identify merge.
const { TrackClient } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);

async function redeemReferral(referrer, newUser, anonymousId) {
  await cio.track(referrer.id, { name: 'referral_redeemed', data: { referred_id: newUser.id } });
  await cio.trackAnonymous(anonymousId, { name: 'signup_form_submitted' });
  await cio.identify(newUser.id, { email: newUser.email, anonymous_id: anonymousId });
}

module.exports = { redeemReferral };
