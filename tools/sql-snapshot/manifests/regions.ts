import { estatesRepository } from '../../../server/domains/regions/estates.repository.js';
import { placeEditsRepository } from '../../../server/domains/regions/place-edits.repository.js';
import { gridsRepository } from '../../../server/domains/regions/grids.repository.js';
import { houseBatchRepository, type HouseValues } from '../../../server/domains/regions/house-batch.repository.js';
import { housesRepository } from '../../../server/domains/regions/houses.repository.js';
import { regionsRepository, regionTreeWrites } from '../../../server/domains/regions/regions.repository.js';
import { mapRepository } from '../../../server/domains/regions/map.repository.js';
import { roadsRepository } from '../../../server/domains/regions/roads.repository.js';
import { houseEditsRepository } from '../../../server/domains/regions/house-edits.repository.js';
import { gridEditsRepository } from '../../../server/domains/regions/grid-edits.repository.js';
import { gridWorkersRepository } from '../../../server/domains/regions/grid-workers.repository.js';
import { estateBatchRepository } from '../../../server/domains/regions/estate-batch.repository.js';
import { installationPlaceRepository } from '../../../server/domains/regions/installation-place.repository.js';
import { PAGE_AND_COUNT, repository, RETURNS_ID, type FileManifest } from '../manifest.js';

const COMMUNITY = { id: 17, path: '/1/4/17/' };
const HOUSE_VALUES: HouseValues = {
  floor: 3,
  lon: null,
  lat: null,
  area: 89.5,
  house_use: 'rented',
  rental_mode: 'whole',
  rental_channel: 'agency',
  monthly_rent: 1200,
  tenant_count: 2,
  grid_id: 230,
  region_path: '/1/4/17/230/',
};
const VIEW = { west: 116.44, south: 36.28, east: 116.47, north: 36.3 };
const ROAD = {
  name: '人民路',
  kind: '城市道路',
  geometry: {
    type: 'MultiLineString' as const,
    coordinates: [
      [
        [116.44, 36.28],
        [116.46, 36.29],
      ] as [number, number][],
    ],
  },
  ...{ west: 116.44, south: 36.28, east: 116.46, north: 36.29 },
  source: '道路.geojson',
};
const GRID_REGION = { code: '371425001001001', name: '第一网格', level: 'grid', kind: 'urban', sort: 1 } as const;

export const regions: FileManifest[] = [
  {
    file: 'server/domains/regions/place-edits.repository.ts',
    repositories: [
      repository('placeEditsRepository', (ctx) => placeEditsRepository(ctx.scoped), {
        community: [17],
        gridOf: [17, 230],
        estate: [12],
        estateNamed: [17, '锦绣花园'],
        hasHouses: [12],
        insertEstate: {
          args: [{ community_id: 17, region_path: '/1/4/17/', name: '锦绣花园', address: '榆山路1号', lon: 116.45, lat: 36.28 }],
          results: RETURNS_ID,
        },
        updateEstate: [12, { address: '榆山路2号', built_year: 2008 }],
        building: [12, 301],
        buildingNamed: [12, '3号楼'],
        insertBuilding: {
          args: [{ estate_id: 12, name: '3号楼', floors: 6, grid_id: 230 }, ['1单元', '2单元']],
          results: [[{ id: 301 }], []],
        },
        updateBuilding: [301, { floors: 7, grid_id: 230 }],
      }),
    ],
  },
  {
    file: 'server/domains/regions/house-edits.repository.ts',
    repositories: [
      repository('houseEditsRepository', (ctx) => houseEditsRepository(ctx.scoped), {
        unitPlace: [42],
        communityPlace: [17],
        regionInScope: [230],
        house: [3001],
        addressTaken: ['幸福小区1号楼1单元101'],
        insert: {
          args: [
            {
              ...HOUSE_VALUES,
              unit_id: 42,
              estate_id: 40,
              community_id: COMMUNITY.id,
              room: '101',
              standard_address: '幸福小区1号楼1单元101',
            },
          ],
          results: RETURNS_ID,
        },
        update: [3001, { ...HOUSE_VALUES, room: '102', standard_address: '幸福小区1号楼1单元102' }],
      }),
    ],
  },
  {
    file: 'server/domains/regions/grid-edits.repository.ts',
    repositories: [
      repository('gridEditsRepository', (ctx) => gridEditsRepository(ctx.scoped), {
        community: [17],
        grid: [230],
        gridNamed: [17, '锦源社区第一网格'],
        codesStarting: ['L370124001001'],
        nextSort: { args: [17], results: [[{ n: 2 }]] },
        insert: { args: [COMMUNITY.id, COMMUNITY.path, GRID_REGION], results: RETURNS_ID },
        rename: [230, '锦源社区第三网格'],
      }),
    ],
  },
  {
    file: 'server/domains/regions/grid-workers.repository.ts',
    repositories: [
      repository('gridWorkersRepository', (ctx) => gridWorkersRepository(ctx.scoped), {
        grid: [230],
        worker: [230, 51],
        byIdempotencyKey: ['user:7:add-worker-0001'],
        linkedTo: [88],
        linkedToAny: [[88, 89]],
        successor: [230, 51],
        insert: {
          args: [
            { id: 230, path: '/1/4/17/230/' },
            { name: '赵雅琴', phone: '13805311234', employment: 'full_time', user_id: 88 },
            { key: 'user:7:add-worker-0001', fingerprint: 'f1' },
          ],
          results: RETURNS_ID,
        },
        update: [51, { name: '赵雅芹', phone: '13905319876', employment: 'part_time', user_id: null }],
        remove: [51],
      }),
    ],
  },
  {
    file: 'server/domains/regions/estate-batch.repository.ts',
    repositories: [
      repository('estateBatchRepository', (ctx) => estateBatchRepository(ctx.scoped), {
        named: [['锦绣花园', '幸福小区']],
        insert: [{ community_id: 17, region_path: '/1/4/17/', name: '锦绣花园', address: '榆山路1号', lon: 116.45, lat: 36.28 }],
        update: [12, { address: '榆山路2号', built_year: 2008, property_company_id: null, lon: null, lat: null }],
      }),
    ],
  },
  {
    file: 'server/domains/regions/estates.repository.ts',
    repositories: [
      repository('estatesRepository', (ctx) => estatesRepository(ctx.scoped), {
        list: { args: ['幸福', { offset: 0, limit: 20 }], results: PAGE_AND_COUNT },
        byId: [40],
        unitsOf: [40],
      }),
    ],
  },
  {
    file: 'server/domains/regions/grids.repository.ts',
    repositories: [
      repository('gridsRepository', (ctx) => gridsRepository(ctx.scoped), {
        list: { args: [{ offset: 0, limit: 20 }], results: PAGE_AND_COUNT },
        byId: [230],
        workersOf: [[230, 231]],
      }),
    ],
  },
  {
    file: 'server/domains/regions/house-batch.repository.ts',
    repositories: [
      repository('houseBatchRepository', (ctx) => houseBatchRepository(ctx.scoped), {
        byAddress: [['幸福小区1号楼1单元101', '幸福小区1号楼1单元102']],
        update: [3001, HOUSE_VALUES],
        // No estate of that name yet: it is made, and its id read with executeTakeFirstOrThrow.
        estateId: { args: [COMMUNITY, '幸福小区', '城关街道幸福路1号'], results: [[], [{ id: 40 }]] },
        // Neither the building nor its unit exists yet: both are made.
        unitId: { args: [40, { name: '1号楼', floor: 6, gridId: 230 }, '1单元'], results: [[], [{ id: 41, floors: 6 }], [], [{ id: 42 }]] },
        roomTaken: [42, '101'],
        insert: [
          {
            ...HOUSE_VALUES,
            unit_id: 42,
            estate_id: 40,
            community_id: COMMUNITY.id,
            room: '101',
            standard_address: '幸福小区1号楼1单元101',
          },
        ],
      }),
    ],
  },
  {
    file: 'server/domains/regions/houses.repository.ts',
    repositories: [
      repository('housesRepository', (ctx) => housesRepository(ctx.scoped), {
        list: {
          args: [
            { q: '1号楼', houseUse: 'rented', estateId: 40 },
            { offset: 0, limit: 20, sort: 'address', order: 'asc' },
          ],
          results: PAGE_AND_COUNT,
        },
        after: [{ gridId: 230 }, 3000, 500],
        byId: [3001],
        householdsOf: [3001],
        placeOf: [3001],
        byAddress: [['幸福小区1号楼1单元101']],
      }),
    ],
  },
  {
    file: 'server/domains/regions/regions.repository.ts',
    repositories: [
      repository('regionsRepository', (ctx) => regionsRepository(ctx.scoped), {
        tree: [],
        byId: [230],
        names: [[1, 4, 17]],
        communities: [],
        grids: [],
        towns: [],
        county: [],
        // Every figure is read with executeTakeFirstOrThrow.
        figures: {
          args: ['2026-03-02'],
          results: [[{ total: 0, over60: 0 }], [{ n: 0 }], [{ total: 0, rented: 0 }], [{ n: 0 }], [{ n: 0 }], [{ n: 0 }]],
        },
      }),
      repository('regionTreeWrites', (ctx) => regionTreeWrites(ctx.db), {
        byCode: [GRID_REGION.code],
        refresh: [230, GRID_REGION],
        insert: { args: [COMMUNITY.id, COMMUNITY.path, GRID_REGION], results: RETURNS_ID },
      }),
    ],
  },
  {
    file: 'server/domains/regions/roads.repository.ts',
    repositories: [
      repository('roadsRepository', (ctx) => roadsRepository(ctx.scoped), {
        all: [],
        within: [VIEW, 3000],
        count: { args: [], results: [[{ n: 0 }]] },
        replaceAll: [[ROAD]],
        insert: [[ROAD]],
      }),
    ],
  },
  {
    file: 'server/domains/regions/map.repository.ts',
    repositories: [
      repository('mapRepository', (ctx) => mapRepository(ctx.scoped), {
        areas: [],
        placesIn: [VIEW, 1500],
        positionedPlaces: [],
        storeAreas: [
          [
            {
              region_id: 17,
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [116.44, 36.28],
                    [116.46, 36.28],
                    [116.46, 36.3],
                    [116.44, 36.28],
                  ],
                ],
              },
              source: 'approximate',
              note: '按位置推算',
            },
          ],
        ],
      }),
    ],
  },
  {
    file: 'server/domains/regions/installation-place.repository.ts',
    repositories: [
      repository('installationPlaceRepository', (ctx) => installationPlaceRepository(ctx.scoped), {
        house: [1001],
        building: [40],
        estate: [12],
        buildingsOf: [[12, 13]],
      }),
    ],
  },
];
