// Next.js client component on the classic JavaScript snippet (`_cio`).
'use client';

import { useEffect } from 'react';

declare global {
  interface Window {
    _cio: {
      identify(attrs: Record<string, unknown>): void;
      track(name: string, data?: Record<string, unknown>): void;
    };
  }
}

export function CustomerIoIdentify({ userId, email }: { userId: string; email: string }) {
  useEffect(() => {
    window._cio.identify({ id: userId, email, created_at: Date.now() });
    //                                                    ^ millisecond-timestamp
  }, [userId, email]);

  return null;
}

export function PricingButton({ plan }: { plan: string }) {
  const onClick = () => {
    window._cio.track('pricing_clicked', { plan, clicked_at: Date.now() });
    //                                                       ^ millisecond-timestamp
  };
  return <button onClick={onClick}>Choose {plan}</button>;
}
