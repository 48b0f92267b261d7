// Comments and strings that mention dynamic names are not calls.
const CIO = require('customerio-node');

const cio = new CIO(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_API_KEY);

// Before: cio.track(user.id, { name: `viewed_${product.id}` }) created one event per product.
const MIGRATION_NOTE = "cio.track(id, { name: 'viewed_' + product.id }) was replaced by product_viewed";

async function productViewed(user, product) {
  await cio.track(user.id, { name: 'product_viewed', data: { product_id: product.id } });
}

module.exports = { productViewed, MIGRATION_NOTE };
