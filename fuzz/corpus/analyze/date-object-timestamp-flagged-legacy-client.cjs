// Legacy default export.
const CustomerIO = require('customerio-node');

const customerio = new CustomerIO(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_API_KEY);

exports.onEmailVerified = async function onEmailVerified(user) {
  await customerio.identify(user.id, { email_verified_at: new Date().toISOString() });
  //                                                      ^ date-object-timestamp
};
