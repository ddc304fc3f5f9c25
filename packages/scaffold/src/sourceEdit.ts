import ts from 'typescript';
import { UnexpectedSourceError } from './errors';

interface Insertion {
  at: number;
  end: number;
  text: string;
}

/**
 * Edits TypeScript source by inserting text at places found in its syntax tree (never by regular
 * expressions over the text), so comments and formatting elsewhere stay as they were. Prettier formats the
 * result afterwards.
 *
 * @example
 * const edit = new SourceEdit('services/a/serverless.ts', text);
 * edit.addImport('./src/declarations', ['parcelEvents']);
 * const updated = edit.apply();
 */
export class SourceEdit {
  private readonly source: ts.SourceFile;
  private readonly insertions: Insertion[] = [];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  }

  /** Binds `names` from `module`: merged into an existing value import of it, or a new import after the last. */
  addImport(module: string, names: readonly string[]): this {
    const imports = this.source.statements.filter(ts.isImportDeclaration);
    const existing = imports.find(
      (node) =>
        ts.isStringLiteral(node.moduleSpecifier) &&
        node.moduleSpecifier.text === module &&
        !node.importClause?.isTypeOnly &&
        node.importClause?.namedBindings &&
        ts.isNamedImports(node.importClause.namedBindings),
    );
    if (existing) {
      const bindings = existing.importClause!.namedBindings as ts.NamedImports;
      const have = new Set(bindings.elements.map((e) => e.name.text));
      const missing = names.filter((name) => !have.has(name));
      if (missing.length > 0) {
        const kept = bindings.elements.map((e) => e.getText(this.source));
        this.replace(bindings.getStart(this.source), bindings.getEnd(), `{ ${[...kept, ...missing].join(', ')} }`);
      }
      return this;
    }
    const line = `import { ${names.join(', ')} } from '${module}';\n`;
    const last = imports.at(-1);
    this.replace(last ? last.getEnd() + 1 : 0, last ? last.getEnd() + 1 : 0, line);
    return this;
  }

  /** Adds `argument` as the last argument of the one call of `callee` (e.g. `mergeFragments(…)`). */
  addCallArgument(callee: string, argument: string): this {
    const call = this.only(`one call of ${callee}(…)`, (node) =>
      ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === callee
        ? node
        : undefined,
    );
    const last = call.arguments.at(-1);
    if (last) this.replace(last.getEnd(), last.getEnd(), `, ${argument}`);
    else this.replace(call.arguments.pos, call.arguments.pos, argument);
    return this;
  }

  /**
   * Adds `element` to the array literal held by the one property `property` (e.g. `functions: [ … ]`) within
   * `within`; when `optional`, a property that is absent or not an array literal (`Object.keys(…)`) is left be.
   */
  addArrayElement(property: string, element: string, within?: (node: ts.Node) => boolean, optional = false): this {
    const match = (node: ts.Node) =>
      ts.isPropertyAssignment(node) &&
      node.name.getText(this.source) === property &&
      ts.isArrayLiteralExpression(node.initializer) &&
      (!within || hasAncestor(node, within))
        ? node.initializer
        : undefined;
    if (optional && this.find(match).length === 0) return this;
    const array = this.only(`one array \`${property}: […]\``, match);
    this.appendElement(array.elements, array.getStart(this.source) + 1, element);
    return this;
  }

  /** Adds `element` to the array literal that initializes the one variable `name` (`export const events = […]`). */
  addVariableArrayElement(name: string, element: string): this {
    const array = this.only(`an array \`const ${name} = […]\``, (node) =>
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === name &&
      node.initializer &&
      ts.isArrayLiteralExpression(node.initializer)
        ? node.initializer
        : undefined,
    );
    this.appendElement(array.elements, array.getStart(this.source) + 1, element);
    return this;
  }

  /**
   * Adds `property` (e.g. `parcelEvents: parcelEventsFunction`) to the object literal of the one variable
   * `const <key> = { … }`, or else of the one property `key: { … }`.
   */
  addObjectProperty(key: string, property: string): this {
    const variables = this.find((node) =>
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === key &&
      node.initializer &&
      ts.isObjectLiteralExpression(node.initializer)
        ? node.initializer
        : undefined,
    );
    const object =
      variables.length === 1
        ? variables[0]!
        : this.only(`one object \`${key}: { … }\``, (node) =>
            ts.isPropertyAssignment(node) &&
            node.name.getText(this.source) === key &&
            ts.isObjectLiteralExpression(node.initializer)
              ? node.initializer
              : undefined,
          );
    this.appendElement(object.properties, object.getStart(this.source) + 1, property);
    return this;
  }

  /** Adds `property` to the object literal passed to the one call of `callee` (e.g. `functionRoles('a', { … })`). */
  addCallObjectProperty(callee: string, property: string): this {
    const object = this.only(`one call of ${callee}(…) with an object literal`, (node) =>
      ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === callee
        ? node.arguments.find(ts.isObjectLiteralExpression)
        : undefined,
    );
    this.appendElement(object.properties, object.getStart(this.source) + 1, property);
    return this;
  }

  /** True when the file declares or imports a binding named `name` at its top level. */
  bindsName(name: string): boolean {
    return (
      this.find((node) =>
        (ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isImportSpecifier(node)) &&
        node.name !== undefined &&
        ts.isIdentifier(node.name) &&
        node.name.text === name
          ? node
          : undefined,
      ).length > 0
    );
  }

  /** True when some call of `callee` is in the file. */
  calls(callee: string): boolean {
    return (
      this.find((node) =>
        ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === callee
          ? node
          : undefined,
      ).length > 0
    );
  }

  /** The edited text. */
  apply(): string {
    let text = this.text;
    // From the end backwards, so each position still holds; of two at one place, the one asked first stays first.
    const ordered = this.insertions.map((insertion, index) => ({ ...insertion, index }));
    for (const { at, end, text: inserted } of ordered.sort((a, b) => b.at - a.at || b.index - a.index)) {
      text = text.slice(0, at) + inserted + text.slice(end);
    }
    return text;
  }

  private appendElement(elements: ts.NodeArray<ts.Node>, start: number, element: string): void {
    const last = elements.at(-1);
    if (last) this.replace(last.getEnd(), last.getEnd(), `, ${element}`);
    else this.replace(start, start, element);
  }

  private replace(at: number, end: number, text: string): void {
    this.insertions.push({ at, end, text });
  }

  private find<T extends ts.Node>(match: (node: ts.Node) => T | undefined): T[] {
    const found: T[] = [];
    const visit = (node: ts.Node) => {
      const hit = match(node);
      if (hit) found.push(hit);
      ts.forEachChild(node, visit);
    };
    visit(this.source);
    return found;
  }

  private only<T extends ts.Node>(expected: string, match: (node: ts.Node) => T | undefined): T {
    const found = this.find(match);
    if (found.length !== 1) throw new UnexpectedSourceError(this.file, `expected ${expected}, found ${found.length}`);
    return found[0]!;
  }
}

function hasAncestor(node: ts.Node, test: (node: ts.Node) => boolean): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) if (test(parent)) return true;
  return false;
}
