import pino from 'pino';

// Not Customer.io: a logger that happens to be called `cio`.
export const cio = pino({ name: 'cio' });
