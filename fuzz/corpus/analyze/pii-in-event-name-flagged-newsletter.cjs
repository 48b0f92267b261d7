// Legacy client with a concatenated name.
const CIO = require('customerio-node');

const cio = new CIO(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_API_KEY);

async function subscribe(userId, email, list) {
  await cio.track(userId, { name: 'newsletter_' + email, data: { list } });
  //                              ^ pii-in-event-name
}

module.exports = { subscribe };
