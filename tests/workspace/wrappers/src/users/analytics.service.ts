import { Injectable } from '@nestjs/common';
import { TrackClient } from 'customerio-node';

@Injectable()
export class AnalyticsService {
  // NestJS injects the client by its type.
  constructor(private readonly cio: TrackClient) {}

  identify(userId: string, attributes: Record<string, unknown>) {
    return this.cio.identify(userId, attributes);
  }
}
