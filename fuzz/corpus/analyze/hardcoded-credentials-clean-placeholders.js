// Quick-start snippet copied from the docs: placeholders, not keys.
const { TrackClient, APIClient } = require('customerio-node');
const { Analytics } = require('@customerio/cdp-analytics-node');

const cio = new TrackClient('YOUR_SITE_ID', 'YOUR_API_KEY');
const api = new APIClient('');
const analytics = new Analytics({ writeKey: '<MY_WRITE_KEY>' });

module.exports = { cio, api, analytics };
