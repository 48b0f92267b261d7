// A one-off script: main runs once.
const { TrackClient } = require('customerio-node');

async function main() {
  const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);
  for (const row of require('./users.json')) {
    await cio.identify(row.id, { email: row.email });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
