import path from 'node:path';

/**
 * A domain is reached through its public face, server/domains/<name>/index.ts; its other files
 * are its own (docs/decisions/011). Also: platform code imports no domain, common/ imports
 * neither server nor web, and the web clients import no server code.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const rel = (file) => path.relative(ROOT, file).split(path.sep).join('/');
const domainOf = (p) => /^server\/domains\/([^/]+)\//.exec(p)?.[1] ?? null;

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Domains only through their index.ts; layers import only downwards' },
    messages: {
      deep: "'{{target}}' is inside domain '{{domain}}': import its public face, server/domains/{{domain}}/index.ts (docs/decisions/011).",
      layer: "'{{target}}': {{why}} (docs/decisions/011).",
    },
    schema: [],
  },
  create(context) {
    const from = rel(context.filename);
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = rel(path.resolve(path.dirname(context.filename), source)).replace(/\.js$/, '.ts');
      const mine = domainOf(from);
      const theirs = domainOf(target);
      if (theirs && theirs !== mine && !/^server\/domains\/[^/]+\/index\.ts$/.test(target)) {
        context.report({ node, messageId: 'deep', data: { target, domain: theirs } });
      }
      const why =
        from.startsWith('server/platform/') && target.startsWith('server/domains/')
          ? 'the platform serves the domains and imports none of them'
          : from.startsWith('common/') && (target.startsWith('server/') || target.startsWith('web/'))
            ? 'common/ is shared by server and clients and imports neither'
            : from.startsWith('web/') && target.startsWith('server/')
              ? 'the clients use common/contracts, not server code'
              : null;
      if (why) context.report({ node, messageId: 'layer', data: { target, why } });
    };
    return {
      ImportDeclaration(node) {
        check(node.source, node.source.value);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node.source, node.source.value);
      },
      ExportAllDeclaration(node) {
        check(node.source, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
    };
  },
};
