// Destructured require, EU region.
const { APIClient, TrackClient, RegionEU } = require('customerio-node');

const track = new TrackClient(process.env.CUSTOMERIO_SITE_ID, 'e04b7c2a9d1f63850b4e', { region: RegionEU });
//                                                            ^ hardcoded-credentials
const api = new APIClient('5d3f0e8a1c6b94d27e0a3f5c8b1d6e42', { region: RegionEU });
//                        ^ hardcoded-credentials

module.exports = { track, api };
