// Queue worker on the legacy default export: `new CIO(siteId, apiKey)`.
const CIO = require('customerio-node');
const { Worker } = require('bullmq');

const cio = new CIO(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_API_KEY);

module.exports = new Worker('renewals', async (job) => {
  const { customerId, plan } = job.data;
  await cio.identify(customerId, { plan, renewed_at: Number(new Date()) });
  //                                                 ^ millisecond-timestamp
  await cio.track(customerId, { name: 'subscription_renewed', data: { plan } });
});
