import { identifyUser, analytics, Analytics, tracking } from '@/lib';

export async function signup(user: { id: string; email: string }) {
  await identifyUser(user.email, { email: user.email });
  //                 ^ mutable-user-id
  await identifyUser(user.id, { email: user.email, created_at: Date.now() });
  //                                                           ^ millisecond-timestamp
  await analytics.identifyUser(user.email, { email: user.email });
  //                           ^ mutable-user-id
  await analytics.track(user.id, 'User Signed Up', { plan: 'pro' });
  //                             ^ event-name-style
  await new Analytics().track(user.id, `plan_${user.id}`, {});
  //                                   ^ dynamic-event-name
  await tracking.client.track(user.id, { name: 'signed_up', data: { at: Date.now() } });
  //                                                                    ^ millisecond-timestamp
}
