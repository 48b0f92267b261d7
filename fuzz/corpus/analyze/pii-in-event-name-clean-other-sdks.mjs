// Other SDKs are not Customer.io, whatever goes into their event names.
import { Analytics } from '@segment/analytics-node';
import { PostHog } from 'posthog-node';

const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY });
const posthog = new PostHog(process.env.POSTHOG_KEY);

export function invited(user, invitee) {
  analytics.track({ userId: user.id, event: `Invited ${invitee.email}` });
  posthog.capture({ distinctId: user.id, event: 'invited_' + invitee.phone });
}
