/**
 * Only repositories (and platform/db, the seed, benchmarks and tests) build SQL: a route or a
 * service that writes a query is how scope got written forty ways (docs/decisions/011).
 * Flags Kysely's query starters called on anything, and the `sql` tag.
 */
const STARTERS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto', 'selectNoFrom']);

export default {
  meta: {
    type: 'problem',
    docs: { description: 'SQL only in *.repository.ts, server/platform/db, the seed, bench and tests' },
    messages: {
      query: "'{{name}}' builds a query outside a repository: move it into the domain's *.repository.ts (docs/decisions/011).",
      sql: "The sql tag builds a query outside a repository: move it into the domain's *.repository.ts (docs/decisions/011).",
    },
    schema: [],
  },
  create(context) {
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (
          callee.type === 'MemberExpression' &&
          !callee.computed &&
          callee.property.type === 'Identifier' &&
          STARTERS.has(callee.property.name)
        ) {
          context.report({ node: callee.property, messageId: 'query', data: { name: callee.property.name } });
        }
      },
      TaggedTemplateExpression(node) {
        const tag = node.tag;
        const name =
          tag.type === 'Identifier'
            ? tag.name
            : tag.type === 'MemberExpression' && tag.object.type === 'Identifier'
              ? tag.object.name
              : null;
        if (name === 'sql') context.report({ node, messageId: 'sql' });
      },
    };
  },
};
