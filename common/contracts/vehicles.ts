import { z } from 'zod';
import { VEHICLE_TYPES } from '../enums.js';
import { page, pagingQuery } from './shared.js';
import { residentItem } from './people.js';

/** The vehicles API (server/domains/vehicles): the register of cars by plate, within region scope. */
export const vehicleQuery = z.object({
  ...pagingQuery,
  q: z.string().trim().max(20).optional(),
  regionId: z.coerce.number().int().positive().optional(),
  vehicleType: z.enum(VEHICLE_TYPES).optional(),
});
export type VehicleQuery = z.infer<typeof vehicleQuery>;

export const vehicleItem = z.object({
  id: z.number().int(),
  plate: z.string(),
  vehicleType: z.string(),
  brand: z.string().nullable(),
  color: z.string().nullable(),
  /** Only for roles that read residents. */
  ownerId: z.number().int().nullable(),
  /** Masked (张**) for roles that do not read residents (property staff). */
  ownerName: z.string().nullable(),
  estateName: z.string().nullable(),
  parkingSpace: z.string().nullable(),
  communityName: z.string().nullable(),
});
export type VehicleItem = z.infer<typeof vehicleItem>;

export const vehiclePage = page(vehicleItem);

export const vehicleDetail = vehicleItem.extend({ owner: residentItem.nullable() });
export type VehicleDetail = z.infer<typeof vehicleDetail>;
