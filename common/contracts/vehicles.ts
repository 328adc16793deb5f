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
  estateId: z.number().int().nullable(),
  estateName: z.string().nullable(),
  parkingSpace: z.string().nullable(),
  communityName: z.string().nullable(),
});
export type VehicleItem = z.infer<typeof vehicleItem>;

export const vehiclePage = page(vehicleItem);

export const vehicleDetail = vehicleItem.extend({ owner: residentItem.nullable() });
export type VehicleDetail = z.infer<typeof vehicleDetail>;

// ── registering and editing (docs/decisions/019) ───────────────────────────

/**
 * 号牌: a province's one-character abbreviation, the issuing office's letter, then five
 * characters (six for new-energy plates, GA 36-2018); letters upper-cased before the check.
 */
export const PLATE_PATTERN = /^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-HJ-NP-Z0-9]{5,6}$/;
export const plate = z
  .string()
  .trim()
  .transform((p) => p.toUpperCase().replace(/[\s·.-]/g, ''))
  .pipe(z.string().regex(PLATE_PATTERN, '号牌格式不正确（例如 鲁A12345，新能源 鲁AD12345）'));

const vehicleFields = {
  vehicleType: z.enum(VEHICLE_TYPES),
  brand: z.string().trim().max(30).nullable().optional(),
  color: z.string().trim().max(10).nullable().optional(),
  /** A resident of the viewer's scope. */
  ownerId: z.number().int().positive().nullable().optional(),
  /** The estate it parks in; it decides the vehicle's region, else the owner's home does. */
  estateId: z.number().int().positive().nullable().optional(),
  parkingSpace: z.string().trim().max(30).nullable().optional(),
};
export const createVehicleBody = z.object({ plate, ...vehicleFields });
export type CreateVehicleInput = z.infer<typeof createVehicleBody>;
export const updateVehicleBody = z
  .object({
    plate: plate.optional(),
    vehicleType: vehicleFields.vehicleType.optional(),
    brand: vehicleFields.brand,
    color: vehicleFields.color,
    ownerId: vehicleFields.ownerId,
    estateId: vehicleFields.estateId,
    parkingSpace: vehicleFields.parkingSpace,
  })
  .refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' });
export type UpdateVehicleInput = z.infer<typeof updateVehicleBody>;
