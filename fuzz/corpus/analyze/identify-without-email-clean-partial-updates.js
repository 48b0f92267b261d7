// Partial updates, spreads and attributes that are not literals.
const { TrackClient } = require('customerio-node');

const cio = new TrackClient(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_TRACK_API_KEY);

async function changedPlan(user, plan) {
  await cio.identify(user.id, { plan });
}

async function imported(row, profile) {
  await cio.identify(row.id, { ...profile, created_at: row.createdAt });
  await cio.identify(row.id, profile);
}

async function importedByEmail(row) {
  await cio.identify(row.email, { created_at: row.createdAt });
}

async function backfill(customer, user) {
  // Addressed by its Customer.io id: the profile exists, with its email.
  await cio.identify(customer.cio_id, { created_at: user.created_at, full_name: user.full_name });
  await cio.identify(`cio_${customer.cioId}`, { created_at: user.created_at });
}

async function built(user) {
  const attrs = { created_at: user.createdAt };
  attrs.email = user.email;
  await cio.identify(user.id, attrs);
}

module.exports = { changedPlan, imported, importedByEmail, backfill, built };
