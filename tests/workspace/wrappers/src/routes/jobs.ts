import { withCio } from '../lib/customerio';

export async function nightly(users: { id: string; email: string }[]) {
  await withCio(async (people) => {
    await people.identify(users[0].email, { email: users[0].email });
    //                    ^ mutable-user-id
  });
}
