// A domain class whose own `identify`/`track` write Dates to our database.
const db = require('./db');

class UserActivity {
  async identify(userId, attrs) {
    await db.users.update(userId, { ...attrs, updated_at: new Date() });
  }

  async track(userId, event) {
    await db.events.insert({ user_id: userId, name: event.name, timestamp: new Date() });
  }
}

const activity = new UserActivity();

async function onLogin(user) {
  const now = new Date();
  await activity.identify(user.id, { last_login_at: now });
  await activity.track(user.id, { name: 'logged_in', timestamp: now });
  return { id: user.id, logged_in_at: now.toISOString() };
}

module.exports = { onLogin };
