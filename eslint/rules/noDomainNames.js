// @ts-check
/**
 * `mesh/no-domain-names`: generic packages never name the example domain. Options: the vocabulary
 * (eslint/domainVocabulary.js reads it from the contracts and services), whether comments count, and `allow`:
 * other tools' names that merely contain a domain word (Serverless's `SLS_NOTIFICATIONS_MODE`).
 * Names are matched by words, so `onOrderPlaced`, `ORDER_PLACED`, `'order-placed'` and `ordersTable` are
 * caught while `border` or `reorder` are not; key prefixes are matched as written (`ORDER#`).
 */

/** Splits identifiers and text into lower-case words: `ordersTable` → orders, table; `SKU-1` → sku, 1. */
function words(/** @type {string} */ text) {
  return (text.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? []).map((word) => word.toLowerCase());
}

/**
 * @param {{ contractNames: string[], serviceNames: string[], keyPrefixes: string[], allow?: string[] }} vocabulary
 * @returns {(text: string) => string | undefined} the first domain name found in `text`, if any
 */
function matcher(vocabulary) {
  /** @type {{ label: string, seq: string[] }[]} */
  const sequences = [
    ...vocabulary.contractNames.map((name) => ({ label: `the contract ${name}`, seq: words(name) })),
    ...vocabulary.serviceNames.map((name) => ({ label: `the service ${name}`, seq: words(name) })),
    { label: 'a SKU', seq: ['sku'] },
    { label: 'a SKU', seq: ['skus'] },
  ];
  const prefixes = vocabulary.keyPrefixes.map((prefix) => ({
    label: `the table key prefix ${prefix}`,
    regex: new RegExp(`(?<![A-Za-z0-9_])${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
  }));
  const allowed = vocabulary.allow ?? [];
  return (written) => {
    const text = allowed.reduce((rest, name) => rest.split(name).join(' '), written);
    for (const { label, regex } of prefixes) if (regex.test(text)) return label;
    const found = words(text);
    for (const { label, seq } of sequences) {
      if (seq.length === 0) continue;
      for (let i = 0; i + seq.length <= found.length; i++) {
        if (seq.every((word, j) => found[i + j] === word)) return label;
      }
    }
    return undefined;
  };
}

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'generic packages never name the example domain (events, services, SKUs, table keys)' },
    schema: [
      {
        type: 'object',
        properties: {
          contractNames: { type: 'array', items: { type: 'string' } },
          serviceNames: { type: 'array', items: { type: 'string' } },
          keyPrefixes: { type: 'array', items: { type: 'string' } },
          comments: { type: 'boolean' },
          allow: { type: 'array', items: { type: 'string' } },
        },
        required: ['contractNames', 'serviceNames', 'keyPrefixes'],
        additionalProperties: false,
      },
    ],
    messages: {
      domainName:
        '{{what}} names {{label}} of the example domain: a generic package uses a neutral one (its own fixture contracts in tests)',
    },
  },
  create(context) {
    const options = context.options[0];
    const find = matcher(options);
    // `export { a }` holds two Identifier nodes on the same text: report a place once.
    const reported = new Set();
    /** @param {any} node @param {string} text @param {string} what */
    const check = (node, text, what) => {
      const label = find(text);
      const place = node.range.join(':');
      if (!label || reported.has(place)) return;
      reported.add(place);
      context.report({ node, messageId: 'domainName', data: { what, label } });
    };
    return {
      Program() {
        if (!options.comments) return;
        for (const comment of context.sourceCode.getAllComments()) {
          // A comment is reported where the name is, so a long doc comment points at the right line.
          comment.value.split('\n').forEach((line, index) => {
            const label = find(line);
            if (!label || !comment.loc) return;
            const lineNo = comment.loc.start.line + index;
            context.report({
              loc: { start: { line: lineNo, column: 0 }, end: { line: lineNo, column: line.length } },
              messageId: 'domainName',
              data: { what: 'a comment', label },
            });
          });
        }
      },
      /** @param {any} node */
      Identifier: (node) => check(node, node.name, `'${node.name}'`),
      /** @param {any} node */
      PrivateIdentifier: (node) => check(node, node.name, `'#${node.name}'`),
      /** @param {any} node */
      Literal: (node) => {
        if (typeof node.value === 'string') check(node, node.value, 'a string');
      },
      /** @param {any} node */
      TemplateElement: (node) => check(node, node.value.cooked ?? node.value.raw, 'a template literal'),
    };
  },
};

module.exports.words = words;
module.exports.matcher = matcher;
