// Express: the posted body goes straight to Customer.io.
const express = require('express');
const { TrackClient } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);
const router = express.Router();

router.post('/profile', requireUser, async (req, res) => {
  await cio.identify(req.user.id, req.body);
  //                              ^ unvalidated-attributes
  await cio.track(req.user.id, { name: 'profile_updated', data: { ...req.body, source: 'web' } });
  //                                                                 ^ unvalidated-attributes
  res.sendStatus(204);
});

module.exports = router;
