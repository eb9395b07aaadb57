import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { PINNED_KIBANA_RELEASE } from '../build/supported_releases';
import { SHIPPED_FOLDERS, shippedSourceFiles } from './import_boundary';

/**
 * The checked-in list of what the plugin uses from Kibana (dev/kbn/MANIFEST.json): every
 * `@kbn/*` symbol common/, server/ and public/ import, and every field they read, call or
 * fill in on a stand-in declaration, each with the Kibana source path it mirrors and the commit
 * of the copy it was compared with; `kibanaRelease` names the pinned Kibana release.
 */
export interface ManifestEntry {
  /** The `@kbn/*` module, e.g. `@kbn/core/server`. */
  readonly module: string;
  /** The exported name (`default` for a default export), or a type reached only through a field. */
  readonly symbol: string;
  /** The file in elastic/kibana the stand-in declaration mirrors. */
  readonly kibanaPath: string;
  /** The elastic/kibana commit of the copy of `kibanaPath` the declaration was compared with. */
  readonly commit?: string;
  /** Why there is no commit, or what is special about the copy read; required without a commit. */
  readonly note?: string;
  /** True when the plugin imports the symbol itself; false when it only reaches it through a field. */
  readonly imported: boolean;
  /** Fields the plugin uses, dotted from the declaration (`config.get`). */
  readonly fields: readonly string[];
}
export interface KbnManifest {
  /** The Kibana release the stand-ins mirror: the pinned release of dev/build/supported_releases.ts. */
  readonly kibanaRelease: string;
  readonly entries: readonly ManifestEntry[];
}

export interface KbnImport {
  readonly file: string;
  readonly line: number;
  readonly module: string;
  /** `default`, a name, or `*` when a namespace or dynamic import is used as a whole. */
  readonly symbol: string;
}

export interface FieldUse {
  readonly file: string;
  readonly line: number;
  readonly module: string;
  readonly symbol: string;
  readonly field: string;
}

const isKbn = (specifier: string) => specifier.startsWith('@kbn/');
const lineOf = (source: ts.SourceFile, node: ts.Node) =>
  source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;

/** Members read from a namespace binding (`ns.x`, `ns['x']`) in a file; `*` if it escapes. */
function membersOf(source: ts.SourceFile, name: string): string[] {
  const members = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isIdentifier(node) &&
      node.text === name &&
      !ts.isImportClause(node.parent) &&
      !ts.isNamespaceImport(node.parent)
    ) {
      const parent = node.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.expression === node)
        members.add(parent.name.text);
      else if (
        ts.isElementAccessExpression(parent) &&
        parent.expression === node &&
        ts.isStringLiteral(parent.argumentExpression)
      )
        members.add(parent.argumentExpression.text);
      else if (ts.isQualifiedName(parent) && parent.left === node) members.add(parent.right.text);
      else if (!(ts.isVariableDeclaration(parent) && parent.name === node)) members.add('*');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...members];
}

/** Names taken from a dynamic `import('@kbn/x')` / `require('@kbn/x')` call. */
function dynamicNames(source: ts.SourceFile, call: ts.CallExpression): string[] {
  let node: ts.Node = call;
  // `import()` gives a promise of the module; only what is taken from the awaited module counts.
  let awaited =
    ts.isCallExpression(call) &&
    ts.isIdentifier(call.expression) &&
    call.expression.text === 'require';
  while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) {
    if (ts.isAwaitExpression(node.parent)) awaited = true;
    node = node.parent;
  }
  const parent = node.parent;
  if (!awaited) return ['*'];
  if (ts.isPropertyAccessExpression(parent) && parent.expression === node)
    return [parent.name.text];
  if (ts.isVariableDeclaration(parent) && parent.initializer === node) {
    if (ts.isObjectBindingPattern(parent.name)) {
      return parent.name.elements.map((element) =>
        element.dotDotDotToken !== undefined
          ? '*'
          : ((element.propertyName ?? element.name) as ts.Identifier).text
      );
    }
    if (ts.isIdentifier(parent.name)) return membersOf(source, parent.name.text);
  }
  // `.then(({ a }) => …)` and anything else: the whole module.
  return ['*'];
}

/** Every `@kbn/*` import in one source text: named, default, namespace, type-only, re-exports, dynamic. */
export function kbnImportsOf(file: string, text: string): KbnImport[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  );
  const found: KbnImport[] = [];
  const add = (node: ts.Node, module: string, symbol: string) =>
    found.push({ file, line: lineOf(source, node), module, symbol });
  const visit = (node: ts.Node): void => {
    if (
      ts.isImportDeclaration(node) &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      isKbn(node.moduleSpecifier.text)
    ) {
      const module = node.moduleSpecifier.text;
      const clause = node.importClause;
      if (clause === undefined) add(node, module, '*'); // side-effect import
      if (clause?.name !== undefined) add(node, module, 'default');
      const bindings = clause?.namedBindings;
      if (bindings !== undefined && ts.isNamespaceImport(bindings)) {
        for (const member of membersOf(source, bindings.name.text)) add(node, module, member);
      } else if (bindings !== undefined) {
        for (const element of bindings.elements)
          add(element, module, (element.propertyName ?? element.name).text);
      }
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression) && isKbn(expression.text))
        for (const member of membersOf(source, node.name.text)) add(node, expression.text, member);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      isKbn(node.moduleSpecifier.text)
    ) {
      const module = node.moduleSpecifier.text;
      const clause = node.exportClause;
      if (clause === undefined || ts.isNamespaceExport(clause)) add(node, module, '*');
      else
        for (const element of clause.elements)
          add(element, module, (element.propertyName ?? element.name).text);
    } else if (
      ts.isCallExpression(node) &&
      node.arguments.length > 0 &&
      ts.isStringLiteral(node.arguments[0]!) &&
      isKbn(node.arguments[0].text)
    ) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isDynamicImport || isRequire)
        for (const name of dynamicNames(source, node)) add(node, node.arguments[0].text, name);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal) &&
      isKbn(node.argument.literal.text)
    ) {
      // `typeof import('@kbn/x').Y` / `import('@kbn/x').Y` in a type position.
      add(
        node,
        node.argument.literal.text,
        node.qualifier === undefined
          ? '*'
          : ts.isIdentifier(node.qualifier)
          ? node.qualifier.text
          : node.qualifier.getText(source).split('.')[0]!
      );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export function collectKbnImports(root: string): KbnImport[] {
  return shippedSourceFiles(root).flatMap((file) =>
    kbnImportsOf(path.relative(root, file), readFileSync(file, 'utf8'))
  );
}

/** `@kbn/core/server` for dev/kbn/core/server.ts, `@kbn/i18n` for dev/kbn/i18n/index.ts. */
export function moduleOfStandIn(root: string, fileName: string): string | undefined {
  const relative = path.relative(path.join(root, 'dev/kbn'), fileName);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const withoutExtension = relative
    .replace(/\.(d\.)?tsx?$/, '')
    .split(path.sep)
    .join('/');
  return `@kbn/${withoutExtension.replace(/\/index$/, '')}`;
}

const NAMED = (
  node: ts.Node
): node is
  | ts.InterfaceDeclaration
  | ts.ClassDeclaration
  | ts.TypeAliasDeclaration
  | ts.EnumDeclaration
  | ts.FunctionDeclaration =>
  ts.isInterfaceDeclaration(node) ||
  ts.isClassDeclaration(node) ||
  ts.isTypeAliasDeclaration(node) ||
  ts.isEnumDeclaration(node) ||
  ts.isFunctionDeclaration(node);

/** The named stand-in declaration a member belongs to, and the dotted path from it. */
function ownerOf(declaration: ts.Declaration): { symbol: string; field: string } | undefined {
  const names: string[] = [];
  let node: ts.Node = declaration;
  while (node.parent !== undefined) {
    const name = (node as { name?: ts.Node }).name;
    if (
      name !== undefined &&
      (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name))
    ) {
      if (
        ts.isPropertySignature(node) ||
        ts.isPropertyDeclaration(node) ||
        ts.isMethodSignature(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isPropertyAssignment(node) ||
        ts.isEnumMember(node) ||
        ts.isGetAccessorDeclaration(node) ||
        ts.isShorthandPropertyAssignment(node)
      ) {
        names.unshift(name.text);
      }
    }
    const parent: ts.Node = node.parent;
    if (NAMED(parent) && parent.name !== undefined)
      return { symbol: parent.name.text, field: names.join('.') };
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name))
      return { symbol: parent.name.text, field: names.join('.') };
    node = parent;
  }
  return undefined;
}

/**
 * Every field of a stand-in declaration the shipped code reads, calls, fills in (object literals
 * typed by Kibana), destructures or implements (`implements Plugin`), found with the type checker.
 */
export function collectFieldUses(root: string): FieldUse[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined }
  );
  if (config === undefined) throw new Error('tsconfig.json could not be read');
  const rootNames = shippedSourceFiles(root).filter(
    (file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file)
  );
  const program = ts.createProgram({ rootNames, options: { ...config.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const uses = new Map<string, FieldUse>();

  const record = (source: ts.SourceFile, at: ts.Node, symbol: ts.Symbol | undefined) => {
    for (const declaration of symbol?.declarations ?? []) {
      const module = moduleOfStandIn(root, declaration.getSourceFile().fileName);
      if (module === undefined) continue;
      const owner = ownerOf(declaration);
      if (owner === undefined || owner.field === '') continue;
      const use = {
        file: path.relative(root, source.fileName),
        line: lineOf(source, at),
        module,
        ...owner,
      };
      uses.set(`${module}|${owner.symbol}|${owner.field}|${use.file}|${use.line}`, use);
    }
  };

  for (const source of program.getSourceFiles()) {
    const relative = path.relative(root, source.fileName);
    if (!SHIPPED_FOLDERS.some((folder) => relative.startsWith(`${folder}${path.sep}`))) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        record(source, node.name, checker.getSymbolAtLocation(node.name));
      } else if (ts.isObjectLiteralExpression(node)) {
        const contextual = checker.getContextualType(node);
        if (contextual !== undefined) {
          for (const property of node.properties) {
            const name = property.name;
            if (name === undefined || !(ts.isIdentifier(name) || ts.isStringLiteral(name)))
              continue;
            for (const type of contextual.isUnion() ? contextual.types : [contextual])
              record(source, property, type.getProperty(name.text));
          }
        }
      } else if (ts.isObjectBindingPattern(node)) {
        const type = checker.getTypeAtLocation(node);
        for (const element of node.elements) {
          const name = element.propertyName ?? element.name;
          if (ts.isIdentifier(name)) record(source, element, type.getProperty(name.text));
        }
      } else if (ts.isClassDeclaration(node)) {
        for (const clause of node.heritageClauses ?? []) {
          for (const implemented of clause.types) {
            const type = checker.getTypeAtLocation(implemented);
            for (const member of node.members) {
              if (member.name !== undefined && ts.isIdentifier(member.name))
                record(source, member, type.getProperty(member.name.text));
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...uses.values()];
}

export interface ManifestProblem {
  readonly problem: string;
  readonly where?: string;
}

/** What the manifest lacks or gets wrong against the plugin's sources and the stand-ins. */
export function manifestProblems(
  manifest: KbnManifest,
  uses: { imports: KbnImport[]; fields: FieldUse[] }
): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const entries = new Map(
    manifest.entries.map((entry) => [`${entry.module}|${entry.symbol}`, entry])
  );
  for (const use of uses.imports) {
    const entry = entries.get(`${use.module}|${use.symbol}`);
    if (entry === undefined || !entry.imported) {
      problems.push({
        problem: `${use.module} ${use.symbol} is imported but not listed in the manifest as imported`,
        where: `${use.file}:${use.line}`,
      });
    }
  }
  for (const use of uses.fields) {
    const entry = entries.get(`${use.module}|${use.symbol}`);
    if (entry === undefined || !entry.fields.includes(use.field)) {
      problems.push({
        problem: `${use.module} ${use.symbol}.${use.field} is used but not listed in the manifest`,
        where: `${use.file}:${use.line}`,
      });
    }
  }
  if (manifest.kibanaRelease !== PINNED_KIBANA_RELEASE) {
    problems.push({
      problem: `the manifest mirrors Kibana ${String(
        manifest.kibanaRelease
      )}, but the pinned release is ${PINNED_KIBANA_RELEASE}`,
    });
  }
  const commitOfPath = new Map<string, string | undefined>();
  for (const entry of manifest.entries) {
    if (!/^(src|x-pack|packages)\/\S+\.(ts|tsx|js|d\.ts)$/.test(entry.kibanaPath)) {
      problems.push({
        problem: `${entry.module} ${entry.symbol} needs the Kibana source path it mirrors, got [${entry.kibanaPath}]`,
      });
    }
    if (entry.commit !== undefined && !/^[0-9a-f]{40}$/.test(entry.commit)) {
      problems.push({
        problem: `${entry.module} ${entry.symbol}: commit must be 40 hex digits, got [${entry.commit}]`,
      });
    }
    if (entry.commit === undefined && (entry.note ?? '').trim() === '') {
      problems.push({
        problem: `${entry.module} ${entry.symbol} needs the commit of the ${entry.kibanaPath} it was compared with, or a note why there is none`,
      });
    }
    // One file, one copy: entries mirroring the same path were compared with the same commit.
    if (!commitOfPath.has(entry.kibanaPath)) commitOfPath.set(entry.kibanaPath, entry.commit);
    else if (commitOfPath.get(entry.kibanaPath) !== entry.commit) {
      problems.push({
        problem: `${entry.module} ${entry.symbol} names commit ${String(entry.commit)} for ${
          entry.kibanaPath
        }, another entry ${String(commitOfPath.get(entry.kibanaPath))}`,
      });
    }
  }
  return problems;
}

/**
 * Each listed symbol must be declared by its stand-in module with a comment citing the
 * manifest's Kibana path (on the declaration, or in the file's header for the whole module).
 */
export function standInProblems(root: string, manifest: KbnManifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined }
  )!;
  const files = new Map<string, string>();
  for (const entry of manifest.entries) {
    const resolved = ts.resolveModuleName(
      entry.module,
      path.join(root, 'server/index.ts'),
      config.options,
      ts.sys
    ).resolvedModule?.resolvedFileName;
    if (resolved === undefined || moduleOfStandIn(root, resolved) === undefined) {
      problems.push({ problem: `${entry.module} does not resolve to a stand-in under dev/kbn` });
      continue;
    }
    const text = files.get(resolved) ?? readFileSync(resolved, 'utf8');
    files.set(resolved, text);
    const source = ts.createSourceFile(resolved, text, ts.ScriptTarget.Latest, true);
    const declaration = findDeclaration(source, entry.symbol);
    if (declaration === undefined) {
      problems.push({
        problem: `${entry.module} declares no ${entry.symbol}`,
        where: path.relative(root, resolved),
      });
      continue;
    }
    const comments = [
      declaration,
      ...(ts.isVariableDeclaration(declaration) ? [declaration.parent.parent] : []),
    ]
      .flatMap((node) => ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [])
      .map((range) => text.slice(range.pos, range.end));
    const header = (ts.getLeadingCommentRanges(text, 0) ?? []).map((range) =>
      text.slice(range.pos, range.end)
    );
    const cites = (comment: string) =>
      comment.replace(/\s*\*\s*/g, '').includes(entry.kibanaPath.replace(/\s/g, '')) ||
      comment.includes(entry.kibanaPath);
    if (![...comments, ...header].some(cites)) {
      problems.push({
        problem: `${entry.module} ${entry.symbol}: its declaration does not cite ${entry.kibanaPath}`,
        where: path.relative(root, resolved),
      });
    }
  }
  return problems;
}

function findDeclaration(source: ts.SourceFile, symbol: string): ts.Node | undefined {
  for (const statement of source.statements) {
    if (
      symbol === 'default' &&
      (ts.isExportAssignment(statement) ||
        (ts.canHaveModifiers(statement) &&
          ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)))
    ) {
      return statement;
    }
    if (NAMED(statement) && statement.name?.text === symbol) return statement;
    if (ts.isVariableStatement(statement)) {
      const declaration = statement.declarationList.declarations.find(
        (d) => ts.isIdentifier(d.name) && d.name.text === symbol
      );
      if (declaration !== undefined) return declaration;
    }
    if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause !== undefined &&
      ts.isNamedExports(statement.exportClause)
    ) {
      const element = statement.exportClause.elements.find((e) => e.name.text === symbol);
      if (element !== undefined) return statement;
    }
  }
  return undefined;
}
