import { createTracker, makeIdentify } from '../lib/tracker';

const tracker = createTracker();
const identify = makeIdentify();

export async function updateAccount(user: { id: string; email: string }) {
  await tracker.identify(user.email, { email: user.email });
  //                     ^ mutable-user-id
  await tracker.track(user.id, 'Account Updated', { plan: 'pro' });
  //                           ^ event-name-style
  await identify(user.email, { plan: 'pro' });
  //             ^ mutable-user-id
  await tracker.identify(user.id, { email: user.email, updated_at: Date.now() });
  //                                                               ^ millisecond-timestamp
}
