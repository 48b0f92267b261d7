// A forEach drops every promise; `void` does not handle the rejection either.
const { TrackClient } = require("customerio-node")

const customerIo = new TrackClient(process.env.CIO_SITE_ID, process.env.CIO_API_KEY)

function syncTeam(team) {
  team.members.forEach((member) => customerIo.identify(member.id, { team_id: team.id }))
  //                               ^ unhandled-rejection
  void customerIo.track(team.ownerId, { name: "team_synced" })
  //   ^ unhandled-rejection
  team.active && customerIo.track(team.ownerId, { name: "team_active" })
  //             ^ unhandled-rejection
}

module.exports = { syncTeam }
