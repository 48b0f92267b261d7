import { analytics } from '../lib/loop-a';
import { tracker } from '../lib/missing';
import { tracking } from '../lib/wrapper';
import { mixpanel } from 'mixpanel-wrapper';

export async function signup(id: string) {
  await analytics.identify(id, { created_at: Date.now() });
  await tracker.identify(id, { created_at: Date.now() });
  await tracking.identify(id, { created_at: Date.now() });
  await mixpanel.identify(id, { created_at: Date.now() });
}
