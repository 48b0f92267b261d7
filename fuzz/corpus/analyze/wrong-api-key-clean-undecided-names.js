// Names that do not say which key they hold decide nothing.
const { TrackClient, APIClient } = require('customerio-node');

const config = {
  siteId: process.env.CUSTOMERIO_SITE_ID,
  apiKey: process.env.CUSTOMERIO_API_KEY,
  key: process.env.CIO_KEY,
};

const cio = new TrackClient(config.siteId, config.apiKey);
const api = new APIClient(config.key);
const appTrackKey = process.env.CIO_APP_TRACK_KEY;
const other = new TrackClient(config.siteId, appTrackKey);

module.exports = { cio, api, other };
