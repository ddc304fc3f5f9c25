import ts from 'typescript';
import { InvalidNameError } from './errors';

/**
 * The longest stage the name limits leave room for (`dev`, `prod`, `ci`, a developer's own …): AWS caps a
 * Lambda function's name at 64 characters and an SQS queue's at 80, and osls names them
 * `<service>-<stage>-<function>` and `<service>-<stage>-<queue>-dlq`.
 */
export const STAGE_ROOM = 10;
const LAMBDA_NAME_MAX = 64;
const QUEUE_NAME_MAX = 80;
/** EventBridge caps a detail-type at 128 characters; our event names are the detail-type. */
const DETAIL_TYPE_MAX = 128;

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
// Each word a capital then lower-case letters or digits: acronyms as words (`SmsSent`), so names split back into words.
const CAMEL = /^[a-z][a-z0-9]*([A-Z][a-z0-9]+)*$/;
const PASCAL = /^([A-Z][a-z0-9]+)+$/;

/** The words of a kebab, camel or Pascal name, lower-case: `parcelShipped` → `['parcel', 'shipped']`. */
export function wordsOf(name: string): string[] {
  return name
    .split(/-|(?=[A-Z])/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** `parcel-tracking` → `ParcelTracking`. */
export const pascalCase = (name: string) => wordsOf(name).map(capital).join('');
/** `parcel-tracking` → `parcelTracking`. */
export const camelCase = (name: string) => {
  const pascal = pascalCase(name);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
};
/** `parcelTracking` → `parcel-tracking`. */
export const kebabCase = (name: string) => wordsOf(name).join('-');
/** `parcel-tracking` → `PARCEL_TRACKING`, as environment variables are named. */
export const constantCase = (name: string) => wordsOf(name).join('_').toUpperCase();

// A name that is a keyword cannot be a binding (`export const delete = …`), and the generated code binds it.
function isKeyword(name: string): boolean {
  return ts.identifierToKeywordKind(ts.factory.createIdentifier(name)) !== undefined;
}

function checkFits(kind: string, value: string, length: number, limit: number, what: string): void {
  if (length > limit) {
    throw new InvalidNameError(
      kind,
      value,
      `is too long: ${what} would take ${length} characters with a ${STAGE_ROOM}-character stage, and AWS allows ${limit}`,
    );
  }
}

/**
 * Checks a service name: kebab-case (it names the CloudFormation stack, the table, the queues and the
 * `services/` folder) and short enough for every AWS name built from it. Throws {@link InvalidNameError}.
 *
 * @example
 * checkServiceName('lending'); // passes
 * checkServiceName('Lending'); // throws: must be kebab-case
 */
export function checkServiceName(name: string): void {
  if (!KEBAB.test(name)) {
    throw new InvalidNameError('service', name, 'must be kebab-case: lower-case letters and digits, words joined by -');
  }
  // Leave a function's own name 20 characters of Lambda's 64 in `<service>-<stage>-<function>`.
  checkFits('service', name, name.length + 1 + STAGE_ROOM + 1 + 20, LAMBDA_NAME_MAX, 'its Lambda function names');
}

/**
 * Checks a subscriber name: camelCase (it is the function's key in serverless.ts, a folder and a binding),
 * not a keyword, and short enough that `<service>-<stage>-<name>` fits Lambda's 64 characters and its queue
 * `<service>-<stage>-<kebab-name>-dlq` fits SQS's 80.
 *
 * @example
 * checkSubscriberName('lending', 'parcelEvents'); // passes
 */
export function checkSubscriberName(service: string, name: string): void {
  if (!CAMEL.test(name)) {
    throw new InvalidNameError(
      'subscriber',
      name,
      'must be camelCase: words of letters and digits, each after the first starting with a capital',
    );
  }
  if (isKeyword(name)) throw new InvalidNameError('subscriber', name, 'is a TypeScript keyword');
  const prefix = service.length + 1 + STAGE_ROOM + 1;
  checkFits('subscriber', name, prefix + name.length, LAMBDA_NAME_MAX, 'its Lambda function name');
  checkFits('subscriber', name, prefix + kebabCase(name).length + '-dlq'.length, QUEUE_NAME_MAX, 'its DLQ name');
}

// Past participles that do not end in -ed, as event names use them (`InvoiceSent`, `ParcelLost`).
const IRREGULAR_PAST = new Set(
  (
    'bought brought built bound begun bid broken caught chosen come cut dealt done drawn driven eaten fallen fed ' +
    'felt forgotten found frozen given gone grown held hidden hit kept known laid led left lent let lost made ' +
    'meant met overridden paid put quit read rebuilt redone resent reset retaken rewritten run said seen sent ' +
    'set shown shut sold spent split spoken stolen struck sworn taken thrown told understood undone upheld ' +
    'withdrawn won written'
  ).split(' '),
);

/**
 * Checks an event name: PascalCase (it is the EventBridge detail-type and the contract's binding) and a
 * fact in the past tense, whose last word is a past participle (`ParcelShipped`, `InvoiceSent`), never a
 * command (`ShipParcel`).
 *
 * @example
 * checkEventName('ParcelShipped'); // passes
 * checkEventName('ShipParcel'); // throws: must be in the past tense
 */
export function checkEventName(name: string): void {
  if (!PASCAL.test(name)) {
    throw new InvalidNameError(
      'event',
      name,
      'must be PascalCase: words of letters and digits, each starting with a capital (acronyms too: SmsSent)',
    );
  }
  if (name.length > DETAIL_TYPE_MAX) {
    throw new InvalidNameError('event', name, `is too long: EventBridge allows ${DETAIL_TYPE_MAX} characters`);
  }
  const words = wordsOf(name);
  const last = words.at(-1)!;
  if (words.length < 2 || !(last.endsWith('ed') || IRREGULAR_PAST.has(last))) {
    throw new InvalidNameError(
      'event',
      name,
      'must be a fact in the past tense, a noun then a past participle (e.g. ParcelShipped); a command names an imperative',
    );
  }
}
