// BullMQ worker that sends one transactional email per subscriber.
const { Worker } = require('bullmq');
const { APIClient, SendEmailRequest } = require('customerio-node');

const api = new APIClient(process.env.CUSTOMERIO_APP_API_KEY);

module.exports = new Worker('weekly-digest', async (job) => {
  const { subscribers } = job.data;
  let i = 0;
  while (i < subscribers.length) {
    const s = subscribers[i++];
    await api.sendEmail(new SendEmailRequest({ to: s.email, transactional_message_id: 'digest', identifiers: { id: s.id } }));
    //    ^ unthrottled-loop
  }
  subscribers.forEach((s) => {
    api.sendEmail(new SendEmailRequest({ to: s.email, transactional_message_id: 'digest_copy', identifiers: { id: s.id } })).catch(() => {});
  //^ unthrottled-loop
  });
});
