import type { ApplicationInput } from '../../../common/contracts/disclosure.js';

/** An application's own columns, however it arrived (the public form, a letter, the counter). */
export const applicationValues = (input: ApplicationInput) => ({
  applicant_kind: input.applicantKind,
  applicant_name: input.name,
  id_type: input.applicantKind === 'natural' ? input.idType : null,
  id_number: input.applicantKind === 'natural' ? input.idNumber.toUpperCase() : null,
  organization_kind: input.applicantKind === 'legal' ? input.organizationKind : null,
  credit_code: input.applicantKind === 'legal' ? input.creditCode : null,
  legal_representative: input.applicantKind === 'legal' ? input.legalRepresentative : null,
  contact_person: input.applicantKind === 'legal' ? input.contactPerson : null,
  phone: input.phone,
  email: input.email ?? null,
  address: input.address ?? null,
  postal_code: input.postalCode ?? null,
  description: input.description,
  purpose: input.purpose ?? null,
  format: input.format,
  delivery: input.delivery,
});
