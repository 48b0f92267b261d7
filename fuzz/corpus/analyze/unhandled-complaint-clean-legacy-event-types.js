// Legacy event_type payloads, complaints included; a listener that acts.
const express = require('express');
const { verifyCioWebhook } = require('./verify');
const cioWebhook = require('./cio-webhook-emitter');

const app = express();
app.post('/cio/webhook', verifyCioWebhook, (req, res) => {
  const { event_type: type, data } = req.body;
  if (req.body.event_type === 'email_bounced' || req.body.event_type === 'email_complained') {
    console.warn(type, data.customer_id);
  }
  res.sendStatus(200);
});

cioWebhook.on('email_complained', (event) => cioWebhook.unsubscribe(event.customer_id));
