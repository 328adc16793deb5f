import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/use-test-database.js';

/**
 * schema.ts is written by hand (it keeps types no generator knows: JSON shapes, literal unions,
 * columns the database computes), so this test holds it to the migrated database instead
 * (issue 8): the same tables, the same columns, the same nullability, one `interface DB`.
 */
const SCHEMA_FILE = path.join(import.meta.dirname, 'schema.ts');

interface DeclaredColumn {
  nullable: boolean | null;
}
type Declared = Map<string, Map<string, DeclaredColumn>>;

/** Tables and columns as schema.ts declares them, read with the TypeScript compiler. */
function declaredSchema(): { tables: Declared; dbDeclarations: number } {
  const source = ts.createSourceFile(SCHEMA_FILE, readFileSync(SCHEMA_FILE, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const dbs: ts.InterfaceDeclaration[] = [];
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    if (node.name.text === 'DB') dbs.push(node);
    else interfaces.set(node.name.text, node);
  });
  const tables: Declared = new Map();
  for (const db of dbs) {
    for (const member of db.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const table = (member.name as ts.Identifier).text;
      const decl = interfaces.get(member.type.getText(source));
      if (!decl) throw new Error(`DB.${table}: ${member.type.getText(source)} is not an interface in schema.ts`);
      const columns = new Map<string, DeclaredColumn>();
      for (const column of decl.members) {
        if (!ts.isPropertySignature(column) || !column.type) continue;
        columns.set((column.name as ts.Identifier).text, { nullable: selectTypeIsNullable(column.type.getText(source)) });
      }
      tables.set(table, columns);
    }
  }
  return { tables, dbDeclarations: dbs.length };
}

/** Whether the type a SELECT gives can be null: ColumnType<Select, …> looks at Select only. */
function selectTypeIsNullable(type: string): boolean {
  const select = type.startsWith('ColumnType<') ? firstTypeArgument(type) : type;
  return /(^|[|<\s])null(\s*[|>]|$)/.test(select);
}

function firstTypeArgument(type: string): string {
  let depth = 0;
  for (let i = type.indexOf('<') + 1; i < type.length; i++) {
    const c = type[i];
    if (c === '<' || c === '(' || c === '{') depth++;
    else if (c === '>' || c === ')' || c === '}') depth--;
    if ((c === ',' && depth === 0) || depth < 0) return type.slice(type.indexOf('<') + 1, i);
  }
  return type;
}

const t = useTestDatabase();

describe('schema.ts', () => {
  it('declares exactly the migrated tables and columns, with their nullability, in one interface DB', async () => {
    const { tables: declared, dbDeclarations } = declaredSchema();
    const { rows } = await sql<{ table_name: string; column_name: string; is_nullable: 'YES' | 'NO'; is_generated: string }>`
      SELECT table_name, column_name, is_nullable, is_generated FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'
        -- A partition (iot_telemetry_20261205) is its parent's table, declared once under the parent.
        AND table_name NOT IN (SELECT relname FROM pg_class WHERE relispartition) ORDER BY table_name, ordinal_position`.execute(t.db);
    const actual: Declared = new Map();
    for (const r of rows) {
      if (!actual.has(r.table_name)) actual.set(r.table_name, new Map());
      // A generated column is reported nullable whatever its expression; schema.ts says what it gives.
      actual.get(r.table_name)!.set(r.column_name, { nullable: r.is_generated === 'ALWAYS' ? null : r.is_nullable === 'YES' });
    }
    const differences: string[] = [];
    for (const [table, columns] of actual) {
      const mine = declared.get(table);
      if (!mine) {
        differences.push(`table ${table} is not in interface DB`);
        continue;
      }
      for (const [column, { nullable }] of columns) {
        const d = mine.get(column);
        if (!d) differences.push(`${table}.${column} is not declared`);
        else if (nullable !== null && d.nullable !== nullable)
          differences.push(
            `${table}.${column} is ${nullable ? '' : 'NOT '}NULL in the database, declared ${d.nullable ? 'nullable' : 'not nullable'}`,
          );
      }
      for (const column of mine.keys())
        if (!columns.has(column)) differences.push(`${table}.${column} is declared but not in the database`);
    }
    for (const table of declared.keys()) if (!actual.has(table)) differences.push(`DB.${table} is not a table in the database`);
    expect(differences).toEqual([]);
    expect(dbDeclarations, 'one interface DB').toBe(1);
  });
});
