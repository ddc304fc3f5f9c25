/** `npm run test:e2e:loaded`: the e2e tests with the CPU saturated by other processes. Lives in e2e/. */
import path from 'node:path';
import { processIo, runMain } from '@mesh/cli';
import { runLoadedE2eCli } from '../e2e/src/loaded/runLoadedE2eCli';

runMain(() => runLoadedE2eCli(process.argv.slice(2), processIo(), path.resolve(__dirname, '..')));
