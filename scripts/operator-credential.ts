// npm run -s operator:credential            → reads a password on stdin, prints OPERATOR_PASSWORD_HASH=<argon2id>
// npm run -s operator:credential -- --token → prints a new random operator token and its OPERATOR_TOKEN_SHA256
// The platform operator's credential for the queue dashboard (/admin/queues); see README "Security".
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hash } from '@node-rs/argon2';

const { values } = parseArgs({ options: { token: { type: 'boolean', default: false } } });

if (values.token) {
  const token = `op_${randomBytes(32).toString('base64url')}`;
  console.log(`operator token (keep it secret, shown once): ${token}`);
  console.log(`OPERATOR_TOKEN_SHA256=${createHash('sha256').update(token).digest('hex')}`);
} else {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (password.length < 12) {
    console.error('The operator password must have at least 12 characters (pipe it on stdin).');
    process.exit(2);
  }
  console.log(`OPERATOR_PASSWORD_HASH=${await hash(password)}`);
}
