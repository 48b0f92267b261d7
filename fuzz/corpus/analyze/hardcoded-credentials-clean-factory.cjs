// A factory taking credentials as arguments; a comment shows the shape of a key.
const { TrackClient, RegionEU } = require('customerio-node');

// e.g. createTrackClient('3c8e4a9f1b2d7e6c0a5f', 'f7d2b91c4e8a3605d1e9') in a REPL -- never in code.
function createTrackClient(siteId, apiKey) {
  return new TrackClient(siteId, apiKey, { region: RegionEU });
}

module.exports = { createTrackClient };
