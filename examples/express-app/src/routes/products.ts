import { Router, type Request, type Response } from 'express';
import { cio } from '../customerio';
import { users, type User } from './signup';

interface Product {
  id: string;
  title: string;
  price: number;
}

const catalog = new Map<string, Product>([
  ['p-100', { id: 'p-100', title: 'Trail running shoes', price: 129 }],
  ['p-200', { id: 'p-200', title: 'Merino base layer', price: 79 }],
]);

function currentUser(req: Request): User | undefined {
  const id = req.header('x-user-id');
  return id ? users.get(id) : undefined;
}

export const productsRouter = Router();

productsRouter.get('/products/:id', (req: Request, res: Response) => {
  const product = catalog.get(req.params.id);
  if (!product) {
    res.status(404).json({ error: 'not found' });
    return;
  }

  const user = currentUser(req);
  if (user) {
    cio
      .track(user.id, { name: `viewed_product_${product.id}`, data: { price: product.price } })
      .catch((err) => console.error('Customer.io error:', err));
  }

  res.json(product);
});

productsRouter.post('/products/:id/share', (req: Request, res: Response) => {
  const product = catalog.get(req.params.id);
  const user = currentUser(req);
  if (!product || !user) {
    res.status(404).json({ error: 'not found' });
    return;
  }

  cio
    .track(user.id, { name: `email_${user.email}`, data: { product_id: product.id } })
    .catch((err) => console.error('Customer.io error:', err));

  res.status(202).end();
});
