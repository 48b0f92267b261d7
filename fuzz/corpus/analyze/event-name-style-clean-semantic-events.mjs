// Customer.io semantic events perform actions by their exact name.
import { Analytics } from '@customerio/cdp-analytics-node';

const analytics = new Analytics({ writeKey: process.env.CUSTOMERIO_WRITE_KEY });

export function registerDevice(userId, token) {
  analytics.track({ userId, event: 'Device Created or Updated', context: { device: { token, type: 'ios' } } });
}

export function forget(userId) {
  analytics.track({ userId, event: 'User Deleted' });
}
