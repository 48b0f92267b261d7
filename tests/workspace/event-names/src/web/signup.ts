import { analytics } from '../lib/customerio';

export async function signedUp(id: string) {
  await analytics.track(id, { name: 'user_signed_up' });
}
