// In the browser, the snippet and cioanalytics send the anonymous id themselves.
import { AnalyticsBrowser } from '@customerio/cdp-analytics-browser';

const cioanalytics = AnalyticsBrowser.load({ writeKey: 'write-key-placeholder' });

export function SignupForm({ anonymousId }: { anonymousId: string }) {
  const onSubmit = (user: { id: string; email: string }) => {
    cioanalytics.identify(user.id, { email: user.email });
    window._cio.identify({ id: user.id, email: user.email });
  };
  return <form onSubmit={() => onSubmit({ id: '1', email: 'a' })} data-anon={anonymousId} />;
}
