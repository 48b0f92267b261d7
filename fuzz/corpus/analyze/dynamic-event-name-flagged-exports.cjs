// Legacy client: the name is concatenated into a local first.
const CIO = require('customerio-node');

const cio = new CIO(process.env.CUSTOMERIO_SITE_ID, process.env.CUSTOMERIO_API_KEY);

async function exportFinished(userId, format, rows) {
  const eventName = 'export_' + format + '_finished';
  await cio.track(userId, { name: eventName, data: { rows } });
  //                              ^ dynamic-event-name
}

async function stepCompleted(userId, step) {
  await cio.track(userId, { name: step.name + '_completed', data: { index: step.index } });
  //                              ^ dynamic-event-name
}

module.exports = { exportFinished, stepCompleted };
