import type { Role } from '@common/enums';

/** Who uses the H5 client: residents, and 网格员 (grid workers) on patrol. Staff use /admin. */
export const H5_ROLES: readonly Role[] = ['resident', 'grid_worker'];
