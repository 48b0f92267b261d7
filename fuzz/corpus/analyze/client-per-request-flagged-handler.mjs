// A Lambda handler: every invocation builds a Data Pipelines client and loses its batching.
import { Analytics } from '@customerio/cdp-analytics-node';

const WRITE_KEY = process.env.CUSTOMERIO_WRITE_KEY;

export const handler = async (event) => {
  const analytics = new Analytics({ writeKey: WRITE_KEY });
  //                ^ client-per-request
  for (const record of event.Records) {
    analytics.track({ userId: record.userId, event: 'record_processed' });
  }
  await analytics.closeAndFlush();
};
