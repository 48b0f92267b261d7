// Test doubles: the keys below are the public sandbox keys of our mock server.
// cio-lint-ignore-file hardcoded-credentials -- mock server keys, not secrets
const { TrackClient, APIClient } = require('customerio-node');

const track = new TrackClient('3c8e4a9f1b2d7e6c0a5f', 'f7d2b91c4e8a3605d1e9');
const api = new APIClient('b62c4e0f9a1d37e85c2f9b4a6d0e1c73');

module.exports = { track, api };
