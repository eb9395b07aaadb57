import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { formatDefaultMessage } from '@kbn/i18n';
import { DERIVED_HEAP_FIELDS, HEAP_FIELDS } from '../../common/heap_fields';

/**
 * Kibana formats every default message as an ICU message (kbn-i18n's translate, through
 * @formatjs/intl): `{` opens a placeholder and `'` quotes, so mustache `{{context.x}}` is a
 * format error, logged and rendered verbatim. This test finds every default message of the
 * plugin (i18n.translate and FormattedMessage; through a local wrapper such as
 * `label(id, defaultMessage)` too) and formats it, with a value for every placeholder.
 */
const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

interface Found {
  where: string;
  message: string;
}

const literal = (node: ts.Node | undefined) =>
  node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    ? node.text
    : undefined;

function defaultMessagesOf(file: string): { found: Found[]; dynamic: string[] } {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true
  );
  const where = (node: ts.Node) =>
    `${path.relative(ROOT, file)}:${
      source.getLineAndCharacterOfPosition(node.getStart()).line + 1
    }`;
  const found: Found[] = [];
  const dynamic: string[] = [];
  // Wrappers: `const f = (…, defaultMessage, …) => i18n.translate(…, { defaultMessage })`.
  const wrappers = new Map<string, number>();
  const calls: ts.CallExpression[] = [];

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) calls.push(node);
    const isTranslate =
      ts.isCallExpression(node) && node.expression.getText(source) === 'i18n.translate';
    const options = isTranslate ? (node as ts.CallExpression).arguments[1] : undefined;
    let messageNode: ts.Expression | undefined;
    if (options !== undefined && ts.isObjectLiteralExpression(options)) {
      for (const property of options.properties) {
        if (property.name?.getText(source) !== 'defaultMessage') continue;
        messageNode = ts.isPropertyAssignment(property)
          ? property.initializer
          : ts.isShorthandPropertyAssignment(property)
          ? property.name
          : undefined;
      }
    }
    if (
      (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) &&
      node.tagName.getText(source) === 'FormattedMessage'
    ) {
      for (const attribute of node.attributes.properties) {
        if (!ts.isJsxAttribute(attribute) || attribute.name.getText(source) !== 'defaultMessage')
          continue;
        const init = attribute.initializer;
        messageNode =
          init !== undefined && ts.isJsxExpression(init)
            ? init.expression
            : (init as ts.Expression);
      }
    }
    if (messageNode !== undefined) {
      const text = literal(messageNode);
      if (text !== undefined) found.push({ where: where(messageNode), message: text });
      else if (ts.isIdentifier(messageNode)) {
        // A parameter of the enclosing arrow function assigned to a const: a wrapper.
        let fn: ts.Node | undefined = messageNode.parent;
        while (fn !== undefined && !ts.isArrowFunction(fn) && !ts.isFunctionDeclaration(fn))
          fn = fn.parent;
        const index =
          fn === undefined
            ? -1
            : (fn as ts.ArrowFunction).parameters.findIndex(
                (p) => p.name.getText(source) === messageNode!.getText(source)
              );
        const name =
          fn !== undefined && ts.isArrowFunction(fn) && ts.isVariableDeclaration(fn.parent)
            ? fn.parent.name.getText(source)
            : fn !== undefined && ts.isFunctionDeclaration(fn)
            ? fn.name?.getText(source)
            : undefined;
        if (index >= 0 && name !== undefined) wrappers.set(name, index);
        else dynamic.push(where(messageNode));
      } else dynamic.push(where(messageNode));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const call of calls) {
    const index = wrappers.get(call.expression.getText(source));
    if (index === undefined) continue;
    const argument = call.arguments[index];
    const text = literal(argument);
    if (text !== undefined) found.push({ where: where(argument!), message: text });
    else if (argument !== undefined) dynamic.push(where(argument));
  }
  return { found, dynamic };
}

/** A value for every placeholder, so only real format errors fail. */
function valuesFor(message: string): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [, name] of message.matchAll(/\{\s*([A-Za-z_][\w.]*)\s*[,}]/g)) values[name!] = 1;
  return values;
}

const scanned = ['common', 'server', 'public'].flatMap((dir) =>
  sourceFiles(path.join(ROOT, dir)).map(defaultMessagesOf)
);
const messages = scanned.flatMap((file) => file.found);

describe("the plugin's default messages are valid ICU messages, as Kibana formats them", () => {
  it('finds the default messages', () => {
    expect(messages.length).toBeGreaterThan(100);
  });

  it.each(messages.map((found) => [found.where, found.message]))('%s', (_where, message) => {
    expect(() => formatDefaultMessage(message, valuesFor(message))).not.toThrow();
  });

  it('the only computed default messages are the heap field labels, which format too', () => {
    expect(scanned.flatMap((file) => file.dynamic)).toEqual([
      expect.stringMatching(/^public\/alerting\/param_fields\.ts:\d+$/),
      expect.stringMatching(/^public\/application\/pages\/instance_page\.tsx:\d+$/),
    ]);
    for (const field of [...HEAP_FIELDS, ...DERIVED_HEAP_FIELDS])
      expect(() => formatDefaultMessage(field.label)).not.toThrow();
  });
});

describe('the @kbn/i18n stand-in formats as Kibana does', () => {
  it('logs a format error and renders the message verbatim', () => {
    const { i18n } = jest.requireActual<typeof import('@kbn/i18n')>('@kbn/i18n');
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(i18n.translate('x.mustache', { defaultMessage: '{{context.reason}}' })).toBe(
        '{{context.reason}}'
      );
      expect(error).toHaveBeenCalledWith(
        expect.objectContaining({ message: expect.stringContaining('"x.mustache"') })
      );
    } finally {
      error.mockRestore();
    }
    // Quoted with ICU apostrophes, the mustache comes out as mustache.
    expect(i18n.translate('x.quoted', { defaultMessage: "'{{'context.reason'}}'" })).toBe(
      '{{context.reason}}'
    );
    expect(i18n.translate('x.values', { defaultMessage: '{n} left', values: { n: 3 } })).toBe(
      '3 left'
    );
  });
});
