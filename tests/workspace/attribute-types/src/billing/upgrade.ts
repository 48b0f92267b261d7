import { analytics } from '../lib/customerio';

export async function upgrade(id: string) {
  // The same type as signup gives: no clash.
  await analytics.identify(id, { seats: 5, beta: false });
  await analytics.identify(id, { plan: 2 });
  //                                   ^ inconsistent-attribute-type
}
