// Browser: the classic snippet.
export function onPricingView(plan) {
  _cio.track('Viewed Pricing', { plan });
  //         ^ event-name-style
}
