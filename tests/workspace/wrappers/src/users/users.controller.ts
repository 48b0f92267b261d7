import { Body, Controller, Post } from '@nestjs/common';
import { AnalyticsService } from './analytics.service';

@Controller('users')
export class UsersController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Post()
  async create(@Body() body: { id: string; email: string }) {
    void this.analytics.identify(body.email, { email: body.email, created_at: Date.now() });
    //                           ^ mutable-user-id
    //                                                                        ^ millisecond-timestamp
    return { id: body.id };
  }
}
