// A lookup table dispatch (branches we cannot see) and a bounce listener that acts.
const { TrackClient } = require('customerio-node');
const emitter = require('./cio-emitter');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);

const handlers = {
  opened: (e) => console.log(e),
  bounced: (e) => cio.suppress(e.data.customer_id),
};

function receive(req, res) {
  const handle = handlers[req.body.metric];
  if (handle) handle(req.body);
  if (req.body.metric === 'opened') console.log('opened');
  res.sendStatus(200);
}

emitter.on('email_bounced', async (event) => {
  await cio.suppress(event.data.customer_id);
});

module.exports = { receive };
