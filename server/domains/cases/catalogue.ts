import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CaseFormField, DB } from '../../platform/db/schema.js';
import { SLA_UNITS, type SlaUnit } from '../../../common/enums.js';
import { catalogueRepository, type CaseTypeCode } from './catalogue.repository.js';
import { GENERAL } from './type-registry.js';
import { handlingUnitsRepository } from './handling-units.repository.js';
import { countyWide } from './cases.repository.js';

/**
 * The category catalogue (data/cases/categories.json) into case_categories and the catalogue's
 * routing rules. Runs at every start: categories are upserted by code, so an edited file takes
 * effect on restart and a case never loses its category. A parent's settings are its children's
 * defaults. A unit the file names must exist (from the gazette import); a typo fails loudly.
 */
const fieldSchema: z.ZodType<CaseFormField> = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]*$/),
    label: z.string().min(1),
    type: z.enum(['text', 'number', 'select', 'multiselect', 'boolean', 'date']),
    required: z.boolean().optional(),
    options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
    public: z.boolean().optional(),
  })
  .refine((f) => (f.type === 'select' || f.type === 'multiselect') === Boolean(f.options?.length), {
    message: '选择题须有选项，其他题不能有选项',
  });

const routeSchema = z
  .object({
    // One field condition per rule keeps "which rule is more specific" obvious.
    when: z
      .record(z.string(), z.string())
      .refine((w) => Object.keys(w).length === 1, { message: 'when 只能有一个条件' })
      .optional(),
    unit: z.string().optional(),
    grid: z.literal(true).optional(),
    note: z.string().optional(),
  })
  .refine((r) => Boolean(r.unit) !== Boolean(r.grid), { message: 'route 须指定 unit 或 grid 之一' });

interface Entry {
  code: string;
  name: string;
  caseType?: string;
  defaultUnit?: string | null;
  sla?: { amount: number; unit: SlaUnit };
  signLimitHours?: number;
  public?: boolean;
  keywords?: string[];
  form?: CaseFormField[];
  routes?: z.infer<typeof routeSchema>[];
  children?: Entry[];
}
const entrySchema: z.ZodType<Entry> = z.lazy(() =>
  z.object({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/),
    name: z.string().min(1),
    // A case type's code (type-registry.ts), which its categories' children inherit.
    caseType: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .optional(),
    defaultUnit: z.string().nullable().optional(),
    sla: z.object({ amount: z.number().int().positive(), unit: z.enum(SLA_UNITS) }).optional(),
    signLimitHours: z.number().int().positive().optional(),
    public: z.boolean().optional(),
    keywords: z.array(z.string()).optional(),
    form: z.array(fieldSchema).optional(),
    routes: z.array(routeSchema).optional(),
    children: z.array(entrySchema).optional(),
  }),
);
const fileSchema = z.object({ categories: z.array(entrySchema) });

export const CATEGORY_FILE = new URL('../../../data/cases/categories.json', import.meta.url);

export function readCategoryFile(file: URL | string = CATEGORY_FILE) {
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`事件分类文件有误：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
  return parsed.data.categories;
}

/** The file's categories and their rules into the database, in one transaction. Returns how many categories it holds. */
export async function syncCaseCatalogue(db: Kysely<DB>, entries: Entry[] = readCategoryFile()) {
  return db.transaction().execute(async (trx) => {
    const catalogue = catalogueRepository(trx);
    const units = await catalogue.unitIdsByName();
    const routed = new Set<number>();
    const unitId = (name: string | null | undefined, code: string) => {
      if (name === null || name === undefined) return null;
      const id = units.get(name);
      if (id === undefined) throw new Error(`事件分类 ${code} 的承办单位“${name}”不在组织机构中`);
      routed.add(id);
      return id;
    };
    const seen = new Set<string>();
    const visit = async (entry: Entry, parent: { id: number | null; inherited: Inherited }, sort: number) => {
      if (seen.has(entry.code)) throw new Error(`事件分类编码重复：${entry.code}`);
      seen.add(entry.code);
      const inherited: Inherited = {
        defaultUnit: entry.defaultUnit === undefined ? parent.inherited.defaultUnit : entry.defaultUnit,
        sla: entry.sla ?? parent.inherited.sla,
        signLimitHours: entry.signLimitHours ?? parent.inherited.signLimitHours,
        public: entry.public ?? parent.inherited.public,
        caseType: entry.caseType ?? parent.inherited.caseType,
      };
      const id = await catalogue.upsertCategory({
        code: entry.code,
        parent_id: parent.id,
        name: entry.name,
        case_type: inherited.caseType as CaseTypeCode,
        is_public: inherited.public,
        sla_amount: inherited.sla.amount,
        sla_unit: inherited.sla.unit,
        sign_limit_hours: inherited.signLimitHours,
        default_org_unit_id: unitId(inherited.defaultUnit, entry.code),
        form: JSON.stringify(entry.form ?? []),
        keywords: entry.keywords ?? [],
        sort,
        active: true,
      });
      await catalogue.replaceCatalogueRules(
        id,
        (entry.routes ?? []).map((route) => {
          const [key, value] = Object.entries(route.when ?? {})[0] ?? [null, null];
          return {
            attribute_key: key,
            attribute_value: value,
            org_unit_id: route.grid ? null : unitId(route.unit, entry.code),
            to_grid: Boolean(route.grid),
            note: route.note ?? null,
          };
        }),
      );
      let childSort = 0;
      for (const child of entry.children ?? []) await visit(child, { id, inherited }, childSort++);
    };
    const root: Inherited = {
      defaultUnit: null,
      sla: { amount: 5, unit: 'working_days' },
      signLimitHours: 1,
      public: false,
      caseType: GENERAL,
    };
    let sort = 0;
    for (const entry of entries) await visit(entry, { id: null, inherited: root }, sort++);
    await catalogue.deactivateAllBut([...seen]);
    // The units the catalogue routes to handle cases, with the departments leaders are in charge of (decision 018).
    await handlingUnitsRepository(countyWide(trx)).seed([...routed]);
    return seen.size;
  });
}

type Inherited = Required<Pick<Entry, 'defaultUnit' | 'sla' | 'signLimitHours' | 'public' | 'caseType'>>;
