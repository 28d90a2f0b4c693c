// The API bench's baseline server: bare node:http on 127.0.0.1 that reads the request body and
// answers a constant JSON. Whatever the scoring servers do beyond this (keys, parsing, validation,
// features, the model, the response) is what the bench's ratio shows; this is the HTTP limit of one
// Node process on this machine with the same client and the same request bodies.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const BODY = JSON.stringify({ ok: true, model_version: 'baseline', score: 0.5, decision: 'pass' });

const server = createServer((req, res) => {
  // Read the whole body, as the scoring servers must, but do nothing with it.
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) });
    res.end(BODY);
  });
});

server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening on http://127.0.0.1:${port}/api/v1/score\n`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
