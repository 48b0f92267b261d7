// The legacy default export: new CIO(siteId, apiKey) is a Track API client.
const CIO = require('customerio-node');

const app_key = process.env.APP_KEY;

const cio = new CIO(process.env.SITE_ID, app_key);
//                                       ^ wrong-api-key

module.exports = cio;
