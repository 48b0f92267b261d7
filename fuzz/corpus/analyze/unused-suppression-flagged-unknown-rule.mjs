import { TrackClient } from 'customerio-node';

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);

// cio-lint-ignore-file milisecond-timestamp -- typo in the rule id hides nothing
//                      ^ unused-suppression
export async function signup(user) {
  await cio.identify(user.id, { email: user.email, created_at: Date.now() });
}
