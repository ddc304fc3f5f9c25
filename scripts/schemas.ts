/** `npm run schemas -- [--out DIR]`: JSON Schemas, catalog.json and the AsyncAPI 3.0 document. A thin wrapper. */
import path from 'node:path';
import { runMain } from '@mesh/cli';
import { runSchemasCli } from '@mesh/infra';

runMain(async () => runSchemasCli(process.argv.slice(2), path.resolve(__dirname, '..')));
