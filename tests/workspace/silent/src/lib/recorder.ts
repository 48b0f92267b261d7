import pino from 'pino';

// A factory shaped like a Customer.io tracker factory, whose closures log.
export function createTracker() {
  const logger = pino();
  return {
    identify: (id: string, attributes: Record<string, unknown>) => logger.info({ id, attributes }, 'identify'),
  };
}
