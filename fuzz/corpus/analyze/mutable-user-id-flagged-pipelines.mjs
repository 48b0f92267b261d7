// Data Pipelines on the server: userId is the person id.
import { Analytics } from '@customerio/cdp-analytics-node';

const analytics = new Analytics({ writeKey: process.env.CUSTOMERIO_WRITE_KEY });

export function onSignup(account) {
  analytics.identify({ userId: account.email, traits: { email: account.email, plan: account.plan } });
  //                           ^ mutable-user-id
  analytics.track({ userId: 'ops@example.com', event: 'Account Created' });
  //                        ^ mutable-user-id
}
