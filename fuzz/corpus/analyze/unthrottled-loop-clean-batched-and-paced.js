// A fixed short list, a paced loop, and a call in the loop header.
const { TrackClient } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function notifyAdmins(adminA, adminB) {
  for (const id of [adminA, adminB]) {
    await cio.track(id, { name: 'weekly_report_ready' });
  }
}

async function slowBackfill(users) {
  for (const u of users) {
    await cio.identify(u.id, { email: u.email });
    await sleep(20);
  }
}

async function once(userId) {
  for (const device of await cio.identify(userId, {}).then(() => [])) {
    console.log(device);
  }
}

module.exports = { notifyAdmins, slowBackfill, once };
