// Data Pipelines traits are attributes too.
import { Analytics } from '@customerio/cdp-analytics-node';

const analytics = new Analytics({ writeKey: process.env.CUSTOMERIO_WRITE_KEY });

export function trialStarted(user) {
  analytics.identify({ userId: user.id, traits: { trial_days: 14 } });
}

export function trialExtended(user) {
  analytics.identify({ userId: user.id, traits: { trial_days: '30' } });
  //                                                          ^ inconsistent-attribute-type
}
