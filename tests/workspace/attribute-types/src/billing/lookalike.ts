// Not a Customer.io client: its values are no attributes and clash with nothing.
import { identify } from './crm';

export function sync(id: string) {
  identify(id, { plan: 3 });
  const analytics = { identify: (_id: string, _a: object) => {} };
  analytics.identify(id, { plan: 4, seats: 'many' });
}
