/**
 * dynamoose as every service's store uses it: `import { dynamoose } from '@mesh/dynamo'` (a lint rule keeps
 * runtime code from importing dynamoose itself).
 *
 * dynamoose 4 looks for its optional logger package before and after every DynamoDB call
 * (`require('dynamoose-logger/dist/emitter')` in its utils/log.js), and a failed `require` walks the file system
 * each time: about a tenth of an offline subscriber's CPU, and cold file-system calls in Lambda. The mesh never
 * installs dynamoose-logger, so this module tells dynamoose once, through the hook dynamoose's own tests use.
 * It has that side effect on purpose: this package is not marked side-effect free.
 */
// The one place that imports dynamoose itself.
// eslint-disable-next-line no-restricted-imports
import * as dynamoose from 'dynamoose';
import { setUndefinedPackage } from 'dynamoose/dist/utils/importPackage';

/** The optional package dynamoose's logging requires on every call. */
export const DYNAMOOSE_LOGGER_MODULE = 'dynamoose-logger/dist/emitter';

setUndefinedPackage(DYNAMOOSE_LOGGER_MODULE);

export { dynamoose };
