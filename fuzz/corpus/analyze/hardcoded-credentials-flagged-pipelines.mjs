// Data Pipelines server client with a write key in its config object.
import { Analytics } from '@customerio/cdp-analytics-node';

export const analytics = new Analytics({
  writeKey: '8f3a1c6e0b9d24f7a5e1',
  //        ^ hardcoded-credentials
  host: 'https://cdp-eu.customer.io',
  flushAt: 20,
});
