// No anonymous id in scope, or one that is not an object literal / has a spread.
import { TrackClient } from 'customerio-node';

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);
const anonymousId = 'module-level-value';

export async function updatePlan(user) {
  await cio.identify(user.id, { plan: user.plan });
}

export async function signup(user, anonId, extra) {
  await cio.identify(user.id, extra);
  await cio.identify(user.id, { ...extra, email: user.email });
  await cio.trackAnonymous(anonId, { name: 'signup_started' });
}

export async function later(user) {
  await cio.identify(user.id, { email: user.email });
  const anonId = user.previousCookie;
  return anonId;
}
