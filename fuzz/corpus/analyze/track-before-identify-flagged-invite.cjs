// Legacy client; fire-and-forget calls are still ordered wrong.
const CIO = require('customerio-node');

const cio = new CIO(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_API_KEY);

function acceptInvite(invitee, team) {
  if (!team.members.includes(invitee.id)) {
    cio.track(invitee.id, { name: 'invite_accepted', data: { team_id: team.id } }).catch(console.error);
//  ^ track-before-identify
    cio.identify(invitee.id, { email: invitee.email, team_id: team.id }).catch(console.error);
  }
}

module.exports = { acceptInvite };
