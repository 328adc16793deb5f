import type { ScopedDb } from '../../platform/db/scoped-db.js';

/** 物业公司 and their estates; the estates are the viewer's (region, and for property staff their company's). */
export function propertyCompaniesRepository(scoped: ScopedDb) {
  return {
    /** Every company: which of them the viewer is shown is the service's rule. */
    companies: () => scoped.unscoped.selectFrom('property_companies').selectAll().orderBy('id').execute(),

    /** The managed estates of the viewer's scope. */
    managedEstates: () =>
      scoped
        .selectFrom('estates')
        .select(['estates.id', 'estates.name', 'estates.property_company_id'])
        .where('estates.property_company_id', 'is not', null)
        .orderBy('estates.id')
        .execute(),
  };
}

export type PropertyCompaniesRepository = ReturnType<typeof propertyCompaniesRepository>;
export type CompanyRow = Awaited<ReturnType<PropertyCompaniesRepository['companies']>>[number];
export type EstateOfCompanyRow = Awaited<ReturnType<PropertyCompaniesRepository['managedEstates']>>[number];
