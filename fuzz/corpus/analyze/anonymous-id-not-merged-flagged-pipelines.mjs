// Data Pipelines on the server: anonymousId is a top-level key of the identify.
import { Analytics } from '@customerio/cdp-analytics-node';

const analytics = new Analytics({ writeKey: process.env.CUSTOMERIO_WRITE_KEY });

export function linkVisitor(user, anonymous_id) {
  analytics.identify({ userId: user.id, traits: { email: user.email } });
  //                 ^ anonymous-id-not-merged
}
