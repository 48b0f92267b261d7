// Verification in route middleware.
const express = require('express');
const { verifyCioSignature } = require('./middleware/customerio');

const router = express.Router();

router.post('/webhooks/customerio', express.raw({ type: 'application/json' }), verifyCioSignature, (req, res) => {
  const { metric } = JSON.parse(req.body);
  if (metric === 'spammed') console.warn('complaint');
  res.sendStatus(200);
});

module.exports = router;

// Logging middleware mounted on the webhook's path is not its handler.
const app = express();
app.use('/webhooks/customerio', (req, res, next) => {
  console.log('customer.io webhook', req.method);
  next();
});
app.use('/webhooks/customerio', router);
