// A nested callback and a function that uses the client in place.
const { TrackClient } = require('customerio-node');

function register(router) {
  router.post('/track', (req, res) => {
    const sent = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY)
    //           ^ client-per-request
      .track(req.user.id, { name: 'clicked' });
    sent.catch(() => {});
    res.end();
  });
}

function tenantClient(tenant) {
  return () => new TrackClient(tenant.siteId, tenant.apiKey);
  //           ^ client-per-request
}

module.exports = { register, tenantClient };
