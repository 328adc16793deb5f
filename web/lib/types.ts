/**
 * Shapes of the API's responses as the web clients read them. When the server publishes its
 * Zod response schemas in common/, these should be replaced by types inferred from them.
 */
import type { RegionLevel } from '@common/enums';

export interface Page<T> {
  items: T[];
  total: number;
}

export interface RegionRef {
  id: number;
  code: string;
  name: string;
  level: RegionLevel;
}

/** GET /api/auth/me, from the server's own schema. */
export type { Me } from '@common/contracts/identity';

export interface RegionNode {
  id: number;
  code: string;
  name: string;
  level: RegionLevel;
  kind: string;
  smartTier?: string | null;
  children?: RegionNode[];
}

export interface RegionStats {
  residents: number;
  households: number;
  houses: number;
  vehicles: number;
  grids: number;
  gridWorkers: number;
  over60: number;
  rentedHouses: number;
}

export interface RegionDetail {
  id: number;
  code: string;
  codeIsLocal: boolean;
  name: string;
  level: RegionLevel;
  kind: string;
  ancestors: { id: number; name: string }[];
  smartTier: string | null;
  smartTargetTier: string | null;
  smartPilotYear: number | null;
  smartSource: string | null;
  stats: RegionStats;
}

export interface ResidentItem {
  id: number;
  name: string;
  gender: 'male' | 'female';
  age: number;
  birthDate: string;
  idCard: string;
  phone: string | null;
  populationType: string;
  relation: string;
  communityId?: number;
  communityName: string | null;
  gridId?: number | null;
  gridName: string | null;
  houseId?: number | null;
  address: string | null;
  tags: string[];
  movedOut?: boolean;
}

export interface ResidentMove {
  kind: 'move_in' | 'move_out';
  movedOn: string;
  place?: string | null;
  note?: string | null;
}

export interface ResidentDetail extends ResidentItem {
  ethnicity: string | null;
  employer: string | null;
  movedInOn: string | null;
  movedOutOn: string | null;
  house: { id: number; address: string } | null;
  household: { id: number; householdNo: string; householderId?: number | null; members: ResidentItem[] } | null;
  vehicles: { id: number; plate: string; vehicleType: string }[];
  moves: ResidentMove[];
  specialGroupsVisible: boolean;
}

export interface SpecialGroupRecord {
  category: string;
  sinceOn: string | null;
  supervisor: string | null;
  note: string | null;
}

export interface ResidentInput {
  idCard?: string;
  name?: string;
  phone?: string | null;
  populationType?: string;
  communityId?: number;
  houseId?: number | null;
  householdId?: number | null;
  relation?: string;
  tags?: string[];
  ethnicity?: string | null;
  employer?: string | null;
  movedInOn?: string | null;
}

export interface HouseItem {
  id: number;
  address: string;
  estateId?: number;
  estateName: string | null;
  buildingName: string | null;
  unitName: string | null;
  room: string;
  floor: number;
  area: number;
  houseUse: string;
  rentalMode: string | null;
  rentalChannel: string | null;
  monthlyRent: number | null;
  tenantCount: number | null;
  residentCount: number;
  communityId?: number;
  communityName: string | null;
  gridId?: number | null;
  gridName: string | null;
}

export interface HouseDetail extends HouseItem {
  residents: ResidentItem[];
  households: { id: number; householdNo: string; householderName: string | null }[];
}

export interface EstateItem {
  id: number;
  name: string;
  address: string;
  communityName: string | null;
  propertyCompany: { id: number; name: string } | null;
  buildingCount: number;
  houseCount: number;
}

export interface EstateDetail extends EstateItem {
  buildings: {
    id: number;
    name: string;
    floors: number;
    gridName: string | null;
    units: { id: number; name: string; houseCount: number }[];
  }[];
}

export interface GridWorker {
  id: number;
  name: string;
  phone: string;
  employment: string;
}

export interface GridItem {
  id: number;
  code: string;
  name: string;
  communityName: string | null;
  workers: GridWorker[];
  houseCount: number;
  residentCount: number;
}

export interface GridDetail extends GridItem {
  houses: Page<HouseItem>;
}

export interface OrgUnit {
  id: number;
  name: string;
  kind: string;
  aliases: string[];
  leaders: { id: number; name: string; duty: string }[];
}

export interface LeaderDuty {
  duty: string;
  workArea: string | null;
  unitId: number | null;
  unitName: string | null;
  assistsLeaderName: string | null;
  sourceDoc: string | null;
}

export interface OrgUnitDetail {
  id: number;
  name: string;
  kind: string;
  aliases: string[];
  leaders: (LeaderDuty & { id: number; name: string; body: string })[];
}

export interface Leader {
  id: number;
  name: string;
  body: string;
  rank: number;
  duties: LeaderDuty[];
  abPartner: { id: number; name: string } | null;
}

export interface PropertyCompany {
  id: number;
  name: string;
  phone: string | null;
  estates: { id: number; name: string }[];
}

export type ImportKind = 'residents' | 'houses';
export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ImportJob {
  id: number | string;
  kind: ImportKind;
  fileName: string;
  status: ImportStatus;
  totalRows: number | null;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Only in the single-job answer, not in the recent list. */
  errors?: { row: number; field: string | null; code: string; message: string }[];
  failure: string | null;
  regionName?: string;
  createdAt?: string;
  finishedAt?: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  username: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  detail: unknown;
}

export interface ResidentHome {
  resident: ResidentDetail;
  household?: { id: number; householdNo: string; members: ResidentItem[] } | null;
  members?: ResidentItem[];
  house: { id: number; address: string } | null;
  community: { id: number; name: string } | null;
  grid: { id: number; name: string } | null;
  gridWorkers: { name: string; phone: string; employment?: string }[];
}
