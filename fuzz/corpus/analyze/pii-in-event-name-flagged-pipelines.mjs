// Data Pipelines: an email literal and a last name in event names.
import { Analytics } from '@customerio/cdp-analytics-node';

const analytics = new Analytics({ writeKey: process.env.CUSTOMERIO_WRITE_KEY });

export function salesContacted(userId, customer) {
  analytics.track({ userId, event: 'contacted_sales@acme.io', properties: { plan: customer.plan } });
  //                               ^ pii-in-event-name
  analytics.track({ userId, event: `account_of_${customer.lastName}`, properties: { plan: customer.plan } });
  //                               ^ pii-in-event-name
}
