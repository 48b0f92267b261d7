// Legacy default export: the site id is inline, the key comes from the environment.
const CIO = require('customerio-node');

const cio = new CIO('9a41c07e5b2f8d6e3c10', process.env.CUSTOMERIO_API_KEY);
//                  ^ hardcoded-credentials

module.exports = cio;
