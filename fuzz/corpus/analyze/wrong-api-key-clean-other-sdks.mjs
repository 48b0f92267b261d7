// Segment, Mixpanel and PostHog clients built from an "app" key are not Customer.io.
import { Analytics } from '@segment/analytics-node';
import Mixpanel from 'mixpanel';
import { PostHog } from 'posthog-node';
import { Analytics as CioAnalytics } from '@customerio/cdp-analytics-node';

export const segment = new Analytics({ writeKey: process.env.SEGMENT_APP_WRITE_KEY });
export const mixpanel = Mixpanel.init(process.env.MIXPANEL_APP_TOKEN);
export const posthog = new PostHog(process.env.POSTHOG_APP_API_KEY);
// Data Pipelines uses its own write key; no Track/App distinction.
export const cioanalytics = new CioAnalytics({ writeKey: process.env.CUSTOMERIO_APP_WRITE_KEY });
