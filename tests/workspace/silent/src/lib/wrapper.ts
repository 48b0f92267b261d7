import pino from 'pino';

const logger = pino();

// Shaped like a Customer.io wrapper, but it forwards to a logger.
export const tracking = {
  identify: (id: string, attributes: Record<string, unknown>) => logger.info({ id, attributes }, 'identify'),
};
