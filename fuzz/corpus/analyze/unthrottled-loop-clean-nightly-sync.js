// Cron job: a Bottleneck-wrapped identify, called once per row.
const cron = require('node-cron');
const Bottleneck = require('bottleneck');
const { TrackClient } = require('customerio-node');
const { db } = require('./db');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);
const cioLimiter = new Bottleneck({ reservoir: 90, reservoirRefreshAmount: 90, reservoirRefreshInterval: 1000 });
const identify = cioLimiter.wrap((user) => cio.identify(user.id, { plan: user.plan }));

cron.schedule('0 2 * * *', async () => {
  const users = await db.users.changedSince(Date.now() - 86400000);
  for (const user of users) {
    await identify(user);
  }
});
