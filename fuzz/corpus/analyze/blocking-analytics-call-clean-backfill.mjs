// One-off script: top-level awaits are fine.
import { TrackClient } from 'customerio-node';
import { users } from './export.json' with { type: 'json' };

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);

await cio.identify(users[0].id, { email: users[0].email });
