// Fastify: events are queued for later, still unverified.
const { Queue } = require('bullmq');

const cioEvents = new Queue('cio-events');

module.exports = async function hooks(fastify) {
  fastify.post('/hooks/cio', async (request, reply) => {
  //                         ^ unverified-webhook
    await cioEvents.add('event', request.body);
    return reply.code(202).send();
  });
};
