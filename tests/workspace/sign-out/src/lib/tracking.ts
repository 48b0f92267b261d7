// The app's Customer.io helpers: forgetting the person lives here.
import { CustomerIO } from 'customerio-reactnative';

export async function resetTracking() {
  await CustomerIO.clearIdentify();
}
