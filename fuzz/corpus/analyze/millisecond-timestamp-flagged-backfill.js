// One-off backfill script: require with destructuring.
const { TrackClient, RegionUS } = require('customerio-node');
const moment = require('moment');
const rows = require('./legacy-users.json');

const client = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY, {
  region: RegionUS,
});

// Everyone imported from the old CRM moved over on 2023-11-14.
async function main() {
  for (const row of rows) {
    await client.identify(row.id, {
      email: row.email,
      created_at: moment(row.signup_date).valueOf(),
      //          ^ millisecond-timestamp
      migrated_at: 1700000000000,
      //           ^ millisecond-timestamp
    });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
