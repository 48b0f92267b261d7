// An event-emitter dispatcher for Customer.io's webhook, with an empty bounce listener,
// and a legacy handler keyed by event_type.
const express = require('express');
const { EventEmitter } = require('events');
const { verifyCioWebhook } = require('./verify');

const cioEvents = new EventEmitter();
cioEvents.on('email_bounced', () => {});
//                            ^ unhandled-bounce
cioEvents.on('email_opened', (e) => console.log('opened', e.data.customer_id));

const app = express();
app.post('/cio/webhook', verifyCioWebhook, (req, res) => {
  const event = req.body;
  if (event.event_type === 'email_opened' || event.event_type === 'email_clicked') {
  //  ^ unhandled-bounce
    cioEvents.emit(event.event_type, event);
  }
  res.sendStatus(200);
});
