import { residentListQueries, residentsRepository } from '../../../server/domains/people/people.repository.js';
import { residentBatchRepository } from '../../../server/domains/people/resident-batch.repository.js';
import { supervisionRepository } from '../../../server/domains/people/supervision.repository.js';
import { fn, repository, RETURNS_ID, type FileManifest } from '../manifest.js';

const TODAY = '2026-03-02';
const PAGE = { offset: 0, limit: 20, sort: 'age', order: 'asc' } as const;
/** The resident list with a filter, so its total is counted rather than read from resident_counts. */
const FILTERED = { today: TODAY, q: '王', tag: 'party_member', ageBand: '60-79', houseUse: 'rented', includeMovedOut: false } as const;
const HOUSE = { id: 3001, region_path: '/1/4/17/230/' };

export const people: FileManifest[] = [
  {
    file: 'server/domains/people/people.repository.ts',
    repositories: [
      repository('residentsRepository', (ctx) => residentsRepository(ctx.scoped), {
        // The total is read with executeTakeFirstOrThrow.
        list: { args: [FILTERED, PAGE], results: [[], [{ n: 0 }]] },
        after: [{ today: TODAY, includeMovedOut: false }, 1000, 500],
        byId: [1001],
        ofHousehold: [501],
        ofHouse: [HOUSE.id],
        needingHelpInBuilding: [40, '1946-12-05'],
        household: [501],
        householdOf: [{ household_id: 501 }],
        movesOf: [1001],
        specialGroupsOf: [1001],
        phonesOf: [[1001, 1002]],
        idCardRegistered: ['37132619800101001X'],
        insert: {
          args: [
            {
              id_card: '37132619800101001X',
              name: '王芳',
              gender: 'female',
              birth_date: '1980-01-01',
              population_type: 'registered',
              relation: 'self',
              house_id: HOUSE.id,
              community_id: 17,
              region_path: HOUSE.region_path,
            },
          ],
          results: RETURNS_ID,
        },
        update: [1001, { phone: '13800000000', employer: '县第一中学' }],
        addMove: [{ residentId: 1001, kind: 'move_out', movedOn: TODAY, place: '临沂市兰山区', note: null }],
        followHouse: [HOUSE.id, { gridId: 231, regionPath: '/1/4/17/231/' }],
      }),
    ],
    functions: {
      // The unfiltered scope: its total comes from the trigger-kept resident_counts.
      residentListQueries: fn(residentListQueries, (ctx) => [ctx.scoped, { today: TODAY, includeMovedOut: false }, PAGE]),
    },
  },
  {
    file: 'server/domains/people/supervision.repository.ts',
    repositories: [
      repository('supervisionRepository', (ctx) => supervisionRepository(ctx.scoped), {
        count: { args: [230, '赵雅琴'], results: [[{ n: '1' }]] },
        handOver: [230, '赵雅琴', '钱多多'],
      }),
    ],
  },
  {
    file: 'server/domains/people/resident-batch.repository.ts',
    repositories: [
      repository('residentBatchRepository', (ctx) => residentBatchRepository(ctx.scoped), {
        inScope: [['37132619800101001X', '371326198502020028']],
        registered: [['37132619800101001X', '371326198502020028']],
        householdsInScope: [['H0001', 'H0002']],
        householdNosTaken: [['H0001', 'H0002']],
        createHousehold: { args: ['H0003', HOUSE], results: [[{ id: 503, household_no: 'H0003' }]] },
        // A householder answered as inserted, so their move in and their household's householder are written.
        insert: {
          args: [
            [
              {
                id_card: '371326198502020028',
                name: '李娜',
                gender: 'female',
                birth_date: '1985-02-02',
                phone: null,
                population_type: 'floating',
                house_id: HOUSE.id,
                household_id: 503,
                relation: 'self',
                community_id: 17,
                grid_id: 230,
                region_path: HOUSE.region_path,
                tags: ['living_alone'],
                ethnicity: '汉族',
                employer: null,
                moved_in_on: '2026-03-01',
              },
            ],
          ],
          results: [[{ id: 2001, moved_in_on: '2026-03-01', household_id: 503, relation: 'self' }]],
        },
        update: [2001, { phone: '13900000000' }],
      }),
    ],
  },
];
