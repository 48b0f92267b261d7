// The event and the identify live in different functions.
import { TrackClient } from 'customerio-node';

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);

export async function recordLogin(user) {
  await cio.track(user.id, { name: 'logged_in' });
}

export async function refreshProfile(user) {
  await cio.identify(user.id, { email: user.email, plan: user.plan });
}

export async function onLogin(user) {
  await refreshProfile(user);
  await recordLogin(user);
}
