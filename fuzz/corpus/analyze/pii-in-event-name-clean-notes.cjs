// Comments and strings only.
const CIO = require('customerio-node');

const cio = new CIO(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_API_KEY);

// Never write cio.track(id, { name: `email_${user.email}` }): the address lands in the event list.
const help = "Use cio.track(id, { name: 'email_sent', data: { to: 'ops@acme.io' } }) instead.";

async function emailSent(userId, to) {
  await cio.track(userId, { name: 'email_sent', data: { to } });
}

module.exports = { emailSent, help };
