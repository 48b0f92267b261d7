// Data Pipelines and the classic snippet return nothing: nothing to reject.
import { AnalyticsBrowser } from '@customerio/cdp-analytics-browser';
import { Analytics } from '@customerio/cdp-analytics-node';

export const cioanalytics = AnalyticsBrowser.load({ writeKey: process.env.NEXT_PUBLIC_CIO_WRITE_KEY! });
const pipelines = new Analytics({ writeKey: process.env.CIO_WRITE_KEY! });

export function Checkout({ userId }: { userId: string }) {
  cioanalytics.track('checkout_viewed', { step: 1 });
  pipelines.track({ userId, event: 'checkout_viewed' });
  window._cio.track('checkout_viewed', { step: 1 });
  return <button onClick={() => cioanalytics.track('checkout_clicked')}>Pay</button>;
}
