// Fastify route; the call already has a .catch, the await still holds the reply.
const { TrackClient, RegionEU } = require("customerio-node");

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionEU,
});

module.exports = async function routes(fastify) {
  fastify.post("/invites/:code/accept", async (request, reply) => {
    const invite = await fastify.db.invites.accept(request.params.code);
    await cio.track(invite.userId, { name: "invite_accepted", data: { team_id: invite.teamId } }).catch((err) => request.log.warn(err));
  //^ blocking-analytics-call
    return reply.code(204).send();
  });
};
