// Data Pipelines in the browser (AnalyticsBrowser); Dates are fine here.
'use client';

import { AnalyticsBrowser } from '@customerio/cdp-analytics-browser';
import { useEffect } from 'react';

export const analytics = AnalyticsBrowser.load({ writeKey: process.env.NEXT_PUBLIC_CUSTOMERIO_WRITE_KEY! });

export function TrackPageView({ path }: { path: string }) {
  useEffect(() => {
    analytics.page(undefined, path, { viewed_at: new Date().toISOString() });
    analytics.track('article_opened', { path }, { timestamp: new Date() });
  }, [path]);
  return null;
}
