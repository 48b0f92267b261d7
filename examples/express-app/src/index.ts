import express from 'express';
import { flushAnalytics } from './analytics/segment';
import { productsRouter } from './routes/products';
import { signupRouter } from './routes/signup';

const app = express();
app.use(express.json());
app.use(signupRouter);
app.use(productsRouter);

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => console.log(`listening on http://localhost:${port}`));

process.on('SIGTERM', () => {
  server.close();
  flushAnalytics().catch((err) => console.error(err));
});
