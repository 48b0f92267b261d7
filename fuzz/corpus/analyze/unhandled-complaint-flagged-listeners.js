// A Customer.io webhook emitter whose complaint listener was left empty.
const cioWebhook = require('./cio-webhook-emitter');

cioWebhook.on('email_bounced', (event) => cioWebhook.suppress(event.customer_id));
cioWebhook.on('email_complained', function () {
//                                ^ unhandled-complaint
  // TODO
});
