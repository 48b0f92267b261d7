import { messages, tracker } from '@acme/cio';

export async function orderPlaced(userId: string, email: string, total: number) {
  await tracker().track(userId, { name: 'order_placed', data: { total, placed_at: Date.now() } });
  //                                                                              ^ millisecond-timestamp
  messages.sendEmail({ to: email, transactional_message_id: 'receipt', identifiers: { id: userId } });
//^ unhandled-rejection
}
