// Data Pipelines in the browser: write key from the build environment; the CDN URL
// is a string literal but not a credential.
'use client';

import { AnalyticsBrowser } from '@customerio/cdp-analytics-browser';
import { useEffect } from 'react';

const analytics = AnalyticsBrowser.load({
  writeKey: process.env.NEXT_PUBLIC_CUSTOMERIO_WRITE_KEY!,
  cdnURL: 'https://cdp-eu.customer.io',
});

export function PageViews({ path }: { path: string }) {
  useEffect(() => {
    analytics.page(undefined, path);
  }, [path]);
  return null;
}
