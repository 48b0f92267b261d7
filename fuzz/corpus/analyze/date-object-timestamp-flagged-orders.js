// Fulfilment hooks (CommonJS, destructured require, dayjs).
const { TrackClient, RegionEU } = require('customerio-node');
const dayjs = require('dayjs');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionEU,
});

async function orderShipped(order) {
  await cio.track(order.customerId, {
    name: 'order_shipped',
    data: { order_id: order.id, carrier: order.carrier, shipped_at: new Date(order.shippedAt) },
    //                                                              ^ date-object-timestamp
  });
}

async function subscriptionStarted(customerId, plan) {
  await cio.identify(customerId, {
    plan,
    renews_at: dayjs().add(30, 'day').toDate(),
    //         ^ date-object-timestamp
  });
}

module.exports = { orderShipped, subscriptionStarted };
