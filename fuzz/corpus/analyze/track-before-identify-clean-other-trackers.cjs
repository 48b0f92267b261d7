// Segment and our own audit trail use track-then-identify freely; comments do too.
const { Analytics } = require('@segment/analytics-node');
const { AuditTrail } = require('./audit-trail');

const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY });
const audit = new AuditTrail();

async function onInviteAccepted(user) {
  analytics.track({ userId: user.id, event: 'Invite Accepted' });
  analytics.identify({ userId: user.id, traits: { email: user.email } });

  await audit.track(user.id, { name: 'invite_accepted' });
  await audit.identify(user.id, { email: user.email });

  // Old code did: cio.track(user.id, { name: 'invite_accepted' }); cio.identify(user.id, { email })
}

module.exports = { onInviteAccepted };
