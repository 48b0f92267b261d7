import { Analytics } from '@segment/analytics-node';

// Product analytics go to Segment as well; Segment takes its own timestamps and is
// not Customer.io, so cio-lint leaves these calls alone.
const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY ?? '' });

export function trackOrderCompleted(userId: string, orderId: string, total: number): void {
  analytics.track({
    userId,
    event: 'Order Completed',
    timestamp: Date.now(),
    properties: { order_id: orderId, total },
  });
}

export async function flushAnalytics(): Promise<void> {
  await analytics.closeAndFlush();
}
