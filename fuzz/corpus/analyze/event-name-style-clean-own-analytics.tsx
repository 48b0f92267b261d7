// A component's own analytics hook with a track method.
import { useAnalytics } from '../hooks/use-analytics';

export function BuyButton({ sku }: { sku: string }) {
  const analytics = useAnalytics();
  return <button onClick={() => analytics.track('BuyClicked', { sku })}>Buy</button>;
}
