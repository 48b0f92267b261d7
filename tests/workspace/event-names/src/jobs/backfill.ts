import { analytics } from '../lib/customerio';

export async function backfill(id: string) {
  await analytics.track(id, { name: 'UserSignedUp' });
  //                                ^ event-name-style
}
