// Next.js client provider for Data Pipelines in the browser.
'use client';

import { AnalyticsBrowser } from '@customerio/cdp-analytics-browser';
import { createContext, type ReactNode } from 'react';

const analytics = AnalyticsBrowser.load({ writeKey: 'd2b8e6f0a4c17e93b5d1', cdnURL: 'https://cdp.customer.io' });
//                                                  ^ hardcoded-credentials

export const AnalyticsContext = createContext(analytics);

export function AnalyticsProvider({ children }: { children: ReactNode }) {
  return <AnalyticsContext.Provider value={analytics}>{children}</AnalyticsContext.Provider>;
}
