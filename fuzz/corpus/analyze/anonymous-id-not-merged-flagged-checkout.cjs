// A worker that converts guest checkouts into accounts.
const { TrackClient } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);

async function convertGuest(job) {
  const { guest, account } = job.data;
  const anonymousId = guest.cookieId;
  const attributes = { email: account.email, plan: 'free' };
  //                 ^ anonymous-id-not-merged
  await cio.identify(account.id, attributes);
}

module.exports = { convertGuest };
