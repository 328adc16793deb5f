/**
 * Codes the orgs API uses for unit kinds and leaders' duties (server/domains/orgs/gazette/
 * division-of-labour.ts). They belong in common/enums.ts; until they move there, the admin
 * lists them here so the filter can offer every kind. Labels live in the i18n catalogue.
 */
export const ORG_UNIT_KINDS = [
  'government_office', 'department', 'institution', 'enterprise', 'township', 'mass_organisation', 'internal_section', 'external',
] as const;

export const DUTY_KINDS = ['preside', 'responsible', 'in_charge', 'liaison', 'assist'] as const;
