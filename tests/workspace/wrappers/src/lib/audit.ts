import pino from 'pino';

const log = pino();

// Named like a wrapper, forwards to a logger: its callers stay silent.
export function identifyUser(id: string, attributes: Record<string, unknown>) {
  return log.info({ id, attributes }, 'identify');
}

// A class with a field named `cio` that is no Customer.io client.
export class AuditTrail {
  private readonly cio = pino({ name: 'cio' });

  track(userId: string, name: string, data: Record<string, unknown>) {
    this.cio.info({ userId, name, data });
  }
}
