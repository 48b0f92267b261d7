// Data Pipelines: the event name carries the integration.
import { Analytics } from '@customerio/cdp-analytics-node';

const analytics = new Analytics({ writeKey: process.env.CUSTOMERIO_WRITE_KEY });

export function integrationConnected(userId, integration) {
  analytics.track({ userId, event: `${integration.provider}_connected`, properties: { scopes: integration.scopes } });
  //                               ^ dynamic-event-name
}
