// @ts-check
/**
 * Analyzer plugins that make the manifest right for elements written the way this project
 * writes them: Lit `static properties` plus `declare`d fields, defaults assigned in the
 * constructor, typed event classes. The analyzer's Lit support gets four things wrong there:
 *
 * 1. `{ state: true }` properties come out as public fields with an attribute.
 * 2. Chained constructor defaults (`this.a = this.b = false`) give only the last field a default,
 *    and an assignment to another object (`input.spellcheck = false`) becomes a bogus field.
 * 3. `this.dispatchEvent(new OtpInputCompleteEvent(code))` becomes an event named `code`;
 *    the real name comes from the `@fires {OtpInputCompleteEvent} otp-input-complete` tag.
 * 4. `#private`, `private` and `protected` members, standard form-associated callbacks and the
 *    `formAssociated` static are listed as if they were API.
 *
 * Base classes outside src/components (src/internal/code-form-element.ts) are analysed so that
 * their properties, attributes and events are inherited into the elements, then their modules
 * are left out of the output: only modules matching `publicModules` with declarations stay.
 * Modules are sorted by path, so the output does not depend on file-system order.
 *
 * The analyzer passes its own TypeScript (5.4) to plugins, so nodes are typed loosely here.
 * @typedef {any} TS
 * @typedef {any} Node
 * @typedef {{ kind: string, name: string, [key: string]: any }} Doc
 * @typedef {{ path: string, declarations?: Doc[], [key: string]: any }} ModuleDoc
 */

const DENIED_MEMBERS = new Set([
  'formAssociated',
  'shadowRootOptions',
  'formAssociatedCallback',
  'formDisabledCallback',
  'formResetCallback',
  'formStateRestoreCallback',
]);

/** @param {TS} ts @param {Node} node */
function isStringish(ts, node) {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

/**
 * Member names of `static properties = { … }` whose options say `state: true`.
 * @param {TS} ts
 * @param {Node} classNode
 */
function statePropertyNames(ts, classNode) {
  const names = new Set();
  for (const member of classNode.members) {
    const isStatic = ts.canHaveModifiers(member)
      ? ts
          .getModifiers(member)
          ?.some((/** @type {Node} */ m) => m.kind === ts.SyntaxKind.StaticKeyword)
      : false;
    if (!isStatic || member.name?.getText() !== 'properties') continue;
    let object;
    if (ts.isPropertyDeclaration(member)) object = member.initializer;
    if (ts.isGetAccessor(member)) {
      object = member.body?.statements.find(ts.isReturnStatement)?.expression;
    }
    if (!object || !ts.isObjectLiteralExpression(object)) continue;
    for (const property of object.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const options = property.initializer;
      if (!ts.isObjectLiteralExpression(options)) continue;
      const isState = options.properties.some(
        (/** @type {Node} */ option) =>
          ts.isPropertyAssignment(option) &&
          option.name.getText() === 'state' &&
          option.initializer.kind === ts.SyntaxKind.TrueKeyword,
      );
      if (isState) names.add(property.name.getText());
    }
  }
  return names;
}

/**
 * The default of a constructor assignment as the analyzer writes it, or undefined when the value
 * is computed.
 * @param {TS} ts
 * @param {Node} value
 */
function literalDefault(ts, value) {
  if (ts.isAsExpression(value)) value = value.expression;
  const computed =
    ts.isBinaryExpression(value) ||
    ts.isConditionalExpression(value) ||
    ts.isPropertyAccessExpression(value) ||
    ts.isCallExpression(value) ||
    ts.isArrowFunction(value) ||
    ts.isIdentifier(value);
  return computed ? undefined : value.getText().replace(/\s+/g, ' ').trim();
}

/**
 * Walks the top-level `a = b = value` statements of the constructor.
 * @param {TS} ts
 * @param {Node} classNode
 */
function constructorAssignments(ts, classNode) {
  /** @type {Map<string, string | undefined>} */
  const thisTargets = new Map();
  /** @type {Set<string>} */
  const otherTargets = new Set();
  const ctor = classNode.members.find(ts.isConstructorDeclaration);
  for (const statement of ctor?.body?.statements ?? []) {
    if (!ts.isExpressionStatement(statement)) continue;
    /** @type {string[]} */
    const chain = [];
    let expression = statement.expression;
    while (
      ts.isBinaryExpression(expression) &&
      expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(expression.left)
    ) {
      const { left } = expression;
      if (left.expression.kind === ts.SyntaxKind.ThisKeyword) chain.push(left.name.getText());
      else otherTargets.add(left.name.getText());
      expression = expression.right;
    }
    const value = literalDefault(ts, expression);
    for (const name of chain) thisTargets.set(name, value);
  }
  return { thisTargets, otherTargets };
}

/**
 * `this.dispatchEvent(new X(notAString))` calls: the analyzer names those events after the
 * argument's identifier, or leaves them nameless.
 * @param {TS} ts
 * @param {Node} classNode
 */
function classEventDispatches(ts, classNode) {
  /** @type {{ type: string, bogusName: string | undefined }[]} */
  const found = [];
  /** @param {Node} node */
  const visit = (node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.getText() === 'dispatchEvent'
    ) {
      for (const arg of node.arguments) {
        if (!ts.isNewExpression(arg)) continue;
        const first = arg.arguments?.[0];
        if (first && isStringish(ts, first)) continue;
        found.push({
          type: arg.expression.getText(),
          bogusName: first && ts.isIdentifier(first) ? first.text : undefined,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const member of classNode.members) {
    if (ts.isMethodDeclaration(member)) visit(member);
  }
  return found;
}

/**
 * @param {{ publicModules?: RegExp }} [options]
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
export function litDeclareFieldsPlugin({ publicModules = /^src\/components\// } = {}) {
  return {
    name: 'totp-elements: lit static properties with declare fields',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const className = node.name.getText();
      /** @type {Doc | undefined} */
      const classDoc = moduleDoc.declarations?.find(
        (/** @type {Doc} */ d) => d.kind === 'class' && d.name === className,
      );
      if (!classDoc) return;
      classDoc.members ??= [];
      classDoc.attributes ??= [];
      classDoc.events ??= [];

      for (const name of statePropertyNames(ts, node)) {
        const member = classDoc.members.find((/** @type {Doc} */ m) => m.name === name);
        if (member) {
          member.privacy = 'private';
          delete member.attribute;
          delete member.reflects;
        }
        classDoc.attributes = classDoc.attributes.filter(
          (/** @type {Doc} */ a) => a.fieldName !== name,
        );
      }

      const declared = new Set(node.members.map((m) => m.name?.getText()).filter(Boolean));
      const { thisTargets, otherTargets } = constructorAssignments(ts, node);
      for (const [name, value] of thisTargets) {
        if (value === undefined) continue;
        for (const doc of [
          classDoc.members.find((/** @type {Doc} */ m) => m.name === name && !m.static),
          classDoc.attributes.find((/** @type {Doc} */ a) => a.fieldName === name),
        ]) {
          if (doc && doc.default === undefined) doc.default = value;
        }
      }
      classDoc.members = classDoc.members.filter(
        (/** @type {Doc} */ m) =>
          m.static || !otherTargets.has(m.name) || declared.has(m.name) || thisTargets.has(m.name),
      );

      for (const { type, bogusName } of classEventDispatches(ts, node)) {
        classDoc.events = classDoc.events.filter(
          (/** @type {Doc} */ e) =>
            !(e.type?.text === type && !e.description && (e.name === bogusName || !e.name)),
        );
        if (!classDoc.events.some((/** @type {Doc} */ e) => e.type?.text === type && e.name)) {
          console.warn(
            `${moduleDoc.path}: ${className} dispatches new ${type}(…) but no ` +
              `\`@fires {${type}} <event-name> - …\` tag documents it.`,
          );
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const modules = /** @type {ModuleDoc[]} */ (customElementsManifest.modules)
        .filter((m) => publicModules.test(m.path) && (m.declarations?.length ?? 0) > 0)
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      customElementsManifest.modules = modules;
      for (const moduleDoc of modules) {
        for (const declaration of moduleDoc.declarations ?? []) {
          if (!declaration.members) continue;
          declaration.members = declaration.members.filter(
            (/** @type {Doc} */ m) =>
              !m.name.startsWith('#') &&
              m.privacy !== 'private' &&
              m.privacy !== 'protected' &&
              !DENIED_MEMBERS.has(m.name),
          );
        }
      }
    },
  };
}
