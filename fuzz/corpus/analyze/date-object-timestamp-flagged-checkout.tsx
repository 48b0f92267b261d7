// React checkout page on the classic snippet.
import { useState } from 'react';

declare const _cio: {
  identify(attrs: Record<string, unknown>): void;
  track(name: string, data?: Record<string, unknown>): void;
};

export function CheckoutButton({ customerId, cartId }: { customerId: string; cartId: string }) {
  const [busy, setBusy] = useState(false);

  async function checkout() {
    setBusy(true);
    _cio.identify({ id: customerId, last_checkout_at: new Date() });
    //                                                ^ date-object-timestamp
    _cio.track('checkout_started', { cart_id: cartId, started_at: new Date().toISOString() });
    //                                                            ^ date-object-timestamp
    await fetch('/api/checkout', { method: 'POST', body: JSON.stringify({ cartId }) });
    setBusy(false);
  }

  return (
    <button disabled={busy} onClick={checkout}>
      Pay now
    </button>
  );
}
