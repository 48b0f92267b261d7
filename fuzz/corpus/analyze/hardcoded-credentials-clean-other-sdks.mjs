// Segment's own `Analytics` class, Mixpanel and PostHog: not Customer.io clients.
import { Analytics } from '@segment/analytics-node';
import Mixpanel from 'mixpanel';
import { PostHog } from 'posthog-node';

export const segment = new Analytics({ writeKey: 'Yx4Tq2b9WmK7pLr3Zs8N', flushAt: 10 });
export const mixpanel = Mixpanel.init('6f1c2a9e4b7d0358c2e1f9a4');
export const posthog = new PostHog('phc_3kZ9qW1xY7vT5rN2mB8cL4pD6fH0jS', { host: 'https://eu.posthog.com' });
