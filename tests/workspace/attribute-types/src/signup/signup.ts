import { analytics } from '../lib/customerio';

export async function signup(id: string, email: string) {
  await analytics.identify(id, { email, plan: 'free', seats: 1, beta: true });
  //                                          ^ inconsistent-attribute-type
}
