// Data Pipelines: traits with createdAt and no email.
import { Analytics } from '@customerio/cdp-analytics-node';

const analytics = new Analytics({ writeKey: process.env.CUSTOMERIO_WRITE_KEY });

export function registered(user, email) {
  analytics.identify({ userId: user.id, traits: { name: user.name, createdAt: user.createdAt } });
  //                                            ^ identify-without-email
}
