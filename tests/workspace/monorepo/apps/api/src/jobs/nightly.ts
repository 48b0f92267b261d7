import * as cio from '@acme/cio';

const client = cio.tracker();

export async function refresh(ids: string[]) {
  for (const id of ids) {
    await client.identify(id, { refreshed_at: Date.now() });
    //    ^ unthrottled-loop
    //                                        ^ millisecond-timestamp
  }
}
