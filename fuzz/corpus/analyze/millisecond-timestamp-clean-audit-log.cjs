// Our own audit trail has `track`/`identify` methods of its own; Date.now() here is
// never part of a Customer.io payload.
const { TrackClient } = require('customerio-node');
const db = require('./db');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);

class AuditLog {
  async identify(actorId, attrs) {
    await db.actors.upsert({ id: actorId, ...attrs, updated_at: Date.now() });
  }

  async track(actorId, entry) {
    await db.audit.insert({ actor_id: actorId, ...entry });
  }
}

const audit = new AuditLog();

async function onPasswordChanged(user) {
  const startedAt = Date.now();
  await audit.identify(user.id, { last_password_change_at: Date.now() });
  await audit.track(user.id, { name: 'password_changed', timestamp: Date.now() });
  await cio.track(user.id, { name: 'password_changed' });
  console.log('password change recorded in %d ms', Date.now() - startedAt);
}

module.exports = { onPasswordChanged };
