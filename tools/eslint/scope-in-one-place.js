/**
 * Region scope is written once, in server/platform/scope.ts: a hand-made "this path and below"
 * pattern (`${path}%`) anywhere else is a second way to scope, and the review found nine
 * (docs/decisions/011).
 */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'No hand-written region-path LIKE pattern outside the scope module' },
    messages: {
      pattern: 'A hand-written "path and below" pattern: use the scope module (server/platform/scope.ts) instead (docs/decisions/011).',
    },
    schema: [],
  },
  create(context) {
    return {
      // A prefix pattern ('…%' after an interpolation, not '%…%', which is a text search).
      TemplateLiteral(node) {
        const first = node.quasis[0];
        const last = node.quasis[node.quasis.length - 1];
        if (node.expressions.length > 0 && last.value.raw.endsWith('%') && !first.value.raw.startsWith('%'))
          context.report({ node, messageId: 'pattern' });
      },
    };
  },
};
