import { analytics, trackClient } from '../lib';
import { cio } from '../lib/logger';

export function productViewed(userId: string, productId: string) {
  analytics.track({ userId, event: `viewed_${productId}`, properties: { productId } });
  //                               ^ dynamic-event-name
  cio.identify(userId, { created_at: Date.now() });
  return trackClient.identify(userId, { last_seen: Date.now() });
  //                                               ^ millisecond-timestamp
}
