// Data Pipelines: Title Case names are Segment-spec names; other spellings are not.
import { Analytics } from '@customerio/cdp-analytics-node';

const analytics = new Analytics({ writeKey: process.env.CUSTOMERIO_WRITE_KEY });

export function exported(userId, report) {
  analytics.track({ userId, event: 'report.exported', properties: { report_id: report.id } });
  //                               ^ event-name-style
  analytics.track({ userId, event: 'Order Completed', properties: { total: report.total } });
}
