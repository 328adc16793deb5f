import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_ACTIONS, type CaseAction } from '../../../common/enums.js';
import { scanResponse } from '../response-scan.js';
import { makeIdCard } from '../factories.js';
import { buildRelationWorld, cloneCase, type RelationWorld, type WalkCase, type WalkUser } from './relation-world.js';
import { expectedFor } from './relation-oracle.js';

/**
 * The authorization walk by relation (issue 7): for generated cases in every state, dispatched
 * to every kind of target, every kind of user of two regions, and every relation a user can gain
 * (saying "我也遇到了", reporting, entering a 12345 order), it checks the exact set of readable
 * cases, the exact actions offered and that exactly those are allowed, and that no response
 * shows a viewer a full ID or mobile number they may not see or a line written for an audience
 * they are not in. The expectations come from relation-oracle.ts, written from the world's
 * layout rather than from the policy under test. A case one may not see is 404, exactly.
 */
let w: RelationWorld;
const inject = (u: WalkUser, method: 'GET' | 'POST', url: string, payload?: object) =>
  w.t.app.inject({ method, url, headers: { cookie: u.cookie }, ...(payload ? { payload } : {}) });

/** What a viewer must not be shown of a case they see, by what the oracle says they are. */
function rulesFor(u: WalkUser, c: WalkCase) {
  const e = expectedFor(u, c);
  const forbidden: string[] = [];
  if (!e.internal) forbidden.push(`INTERNAL#${markerIndex(c)}`);
  if (e.view !== 'staff') forbidden.push(`STAFF#${markerIndex(c)}`);
  if (!e.reportText) forbidden.push(`DESC#${markerIndex(c)}`, '2单元1502室');
  return { masked: !e.full, allowed: u.phone ? [u.phone] : [], forbidden };
}
const markerIndex = (c: WalkCase) => c.markers.publicNote.match(/PUBLIC#(\d+)/)![1];

beforeAll(async () => {
  w = await buildRelationWorld();
  // Relations gained by saying "我也遇到了": a resident of the first community on every open case
  // of the second (a public category: anyone may join), the first community's grid worker on
  // the second's grid cases (the probe's way in), its property staff on its own unit cases.
  const joins: [WalkUser, (c: WalkCase) => boolean][] = [
    [w.userOf('resident_2', 0), (c) => c.world === 1],
    [w.userOf('grid_worker', 0), (c) => c.world === 1 && c.target === 'grid'],
    [w.userOf('property_staff', 0), (c) => c.world === 0 && c.target === 'unit'],
  ];
  for (const [u, which] of joins) {
    for (const c of w.cases.filter(which)) {
      const res = await inject(u, 'POST', `/api/cases/${c.id}/join`, { note: u.phone ? `我也遇到了，电话${u.phone}` : '我也遇到了' });
      const open = !['rejected', 'closed', 'evaluated', 'merged'].includes(c.status);
      expect(res.statusCode, `${u.username} joins ${c.status} ${res.body}`).toBe(open ? 200 : 404);
      if (open) c.followers.add(u.username);
    }
  }
}, 300_000);
afterAll(async () => {
  await w?.t.close();
});

describe('case relations: who sees which case, and how much of it', () => {
  it('gives every user exactly the cases, relations and actions the layout says, and 404 for the rest', async () => {
    const wrong: string[] = [];
    for (const u of w.users) {
      for (const c of w.cases) {
        const e = expectedFor(u, c);
        const res = await inject(u, 'GET', `/api/cases/${c.id}`);
        const label = `${u.username} × case ${c.id} (${c.status}/${c.target}${c.hotline ? '/12345' : ''})`;
        if (e.view === null) {
          if (res.statusCode !== 404) wrong.push(`${label}: ${res.statusCode}, expected 404`);
          continue;
        }
        if (res.statusCode !== 200) {
          wrong.push(`${label}: ${res.statusCode} ${res.body.slice(0, 120)}`);
          continue;
        }
        const d = res.json();
        const relations = [...e.relations].sort();
        if (JSON.stringify([...d.relations].sort()) !== JSON.stringify(relations))
          wrong.push(`${label}: relations ${d.relations} ≠ ${relations}`);
        if (JSON.stringify([...d.actions].sort()) !== JSON.stringify([...e.actions].sort()))
          wrong.push(`${label}: actions ${d.actions} ≠ ${e.actions}`);
        for (const leak of scanResponse(res.body, rulesFor(u, c))) wrong.push(`${label}: ${leak}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 600_000);

  it('lists only cases the viewer has the staff view of, and "my cases" exactly the ones they reported or follow', async () => {
    const wrong: string[] = [];
    const ours = new Map(w.cases.map((c) => [c.id, c]));
    for (const u of w.users) {
      const list = await inject(u, 'GET', '/api/cases?pageSize=200');
      if (list.statusCode === 200) {
        for (const item of list.json().items as { id: number }[]) {
          const c = ours.get(item.id);
          if (c && expectedFor(u, c).view !== 'staff') wrong.push(`${u.username} lists case ${c.id}`);
        }
        for (const leak of scanResponse(list.body, {
          masked: !['community_staff', 'grid_worker', 'grid_worker_2'].includes(u.key),
          forbidden: ['INTERNAL#'],
        }))
          wrong.push(`${u.username} list: ${leak}`);
      }
      const mine = await inject(u, 'GET', '/api/me/cases?pageSize=200');
      if (mine.statusCode === 200) {
        const ids = (mine.json().items as { id: number }[])
          .map((i) => i.id)
          .filter((id) => ours.has(id))
          .sort((a, b) => a - b);
        const want = w.cases
          .filter((c) => ['reporter', 'co_reporter'].some((r) => expectedFor(u, c).relations.has(r as never)))
          .map((c) => c.id)
          .sort((a, b) => a - b);
        if (JSON.stringify(ids) !== JSON.stringify(want)) wrong.push(`${u.username} my cases ${ids} ≠ ${want}`);
        const followed = w.cases.filter((c) => expectedFor(u, c).relations.has('co_reporter'));
        for (const c of followed) {
          for (const leak of scanResponse(mine.body, {
            masked: true,
            allowed: u.phone ? [u.phone] : [],
            forbidden: [`DESC#${markerIndex(c)}`, '2单元1502室'],
          }))
            wrong.push(`${u.username} my cases: ${leak}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('shows a photo with its line: the public line’s to everyone who sees the case, the internal line’s to those who work it, originals to the region’s readers', async () => {
    const wrong: string[] = [];
    for (const u of w.users) {
      for (const c of w.cases.filter((x) => x.status === 'in_progress' || x.status === 'reported')) {
        const e = expectedFor(u, c);
        const get = async (photo: number, variant: string) => (await inject(u, 'GET', `/api/case-photos/${photo}/${variant}`)).statusCode;
        const readsRegion =
          ['county_admin', 'leader'].includes(u.key) ||
          (u.world === c.world && ['town_staff', 'community_staff', 'grid_worker'].includes(u.key));
        const checks: [number, string, boolean][] = [
          [c.photos.publicLine, 'display', e.view !== null],
          [c.photos.internalLine, 'display', e.internal],
          [c.photos.publicLine, 'original', readsRegion],
        ];
        for (const [photo, variant, ok] of checks) {
          const status = await get(photo, variant);
          if (status !== (ok ? 200 : 404)) wrong.push(`${u.username} photo ${photo}/${variant} of case ${c.id} (${c.target}): ${status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});

describe('case relations: every action offered is allowed, every other refused and changes nothing', () => {
  it('walks each class of (relations, state) through every action', async () => {
    const wrong: string[] = [];
    const classes = new Map<string, { u: WalkUser; c: WalkCase }>();
    for (const u of w.users) {
      for (const c of w.cases) {
        const e = expectedFor(u, c);
        if (!e.view) {
          // Out of scope: a step is 404, exactly, like the read.
          const res = await inject(u, 'POST', `/api/cases/${c.id}/actions`, { action: 'comment', note: '越权备注' });
          if (res.statusCode !== 404) wrong.push(`${u.username} comments on unseen case ${c.id}: ${res.statusCode}`);
          continue;
        }
        const key = `${[...e.relations].sort()}|${c.status}|${c.pending}|${c.target}`;
        if (!classes.has(key)) classes.set(key, { u, c });
      }
    }
    let serial = 0;
    for (const { u, c } of classes.values()) {
      const offered = new Set(expectedFor(u, c).actions);
      for (const action of CASE_ACTIONS) {
        if (offered.has(action)) {
          const copy = await cloneCase(w.db, c.id, ++serial);
          const res = await inject(u, 'POST', `/api/cases/${copy}/actions`, bodyFor(action, u, c));
          if (res.statusCode !== 200)
            wrong.push(`${u.username} ${action} on ${c.status}/${c.target} (offered): ${res.statusCode} ${res.body.slice(0, 160)}`);
        } else {
          const before = await w.db
            .selectFrom('cases')
            .select(['status', 'last_event_at', 'handler_unit_id', 'handler_region_id'])
            .where('id', '=', c.id)
            .executeTakeFirstOrThrow();
          const res = await inject(u, 'POST', `/api/cases/${c.id}/actions`, bodyFor(action, u, c));
          if (![403, 409].includes(res.statusCode))
            wrong.push(`${u.username} ${action} on ${c.status}/${c.target} (not offered): ${res.statusCode} ${res.body.slice(0, 160)}`);
          const after = await w.db
            .selectFrom('cases')
            .select(['status', 'last_event_at', 'handler_unit_id', 'handler_region_id'])
            .where('id', '=', c.id)
            .executeTakeFirstOrThrow();
          if (JSON.stringify(after) !== JSON.stringify(before)) wrong.push(`${u.username} ${action} on ${c.id} changed the case`);
        }
      }
    }
    expect(classes.size).toBeGreaterThan(40);
    expect(wrong).toEqual([]);
  }, 900_000);

  it('keeps staff and internal messages out of the inboxes of reporters, and masks numbers in theirs', async () => {
    const wrong: string[] = [];
    let messages = 0;
    for (const u of w.users.filter((x) => ['resident', 'resident_2', 'property_staff'].includes(x.key))) {
      const res = await inject(u, 'GET', '/api/me/notifications?pageSize=200');
      expect(res.statusCode).toBe(200);
      messages += res.json().total;
      for (const leak of scanResponse(res.body, {
        masked: true,
        allowed: u.phone ? [u.phone] : [],
        forbidden: ['INTERNAL#', 'STAFF#', '"audience":"staff"', '"audience":"internal"'],
      }))
        wrong.push(`${u.username}: ${leak}`);
    }
    // The steps tried above told the reporters of their copies: there is something to look at.
    expect(messages).toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  });
});

/** A valid body for each action, so that only the relation and the state can refuse it. */
function bodyFor(action: CaseAction, u: WalkUser, c: WalkCase): object {
  const world = w.worlds[c.world];
  const note = `步骤说明：已电话联系13700000099`;
  switch (action) {
    case 'accept':
    case 'register':
    case 'sign':
    case 'approve_request':
    case 'resume':
    case 'verify':
    case 'close':
      return { action, note };
    case 'reject':
    case 'return':
    case 'request_suspension':
    case 'refuse_request':
    case 'verify_fail':
      return { action, reason: note };
    case 'dispatch':
    case 'transfer':
      return { action, target: { orgUnitId: world.unitId }, reason: '关系测试改派' };
    case 'request_extension':
      return { action, days: 3, reason: note };
    case 'handle':
      return { action, result: `已处置，${note}` };
    case 'evaluate':
      return { action, satisfaction: 'satisfied' };
    case 'merge':
      return { action, targetCaseId: mergeTarget(c), reason: '同一问题' };
    // A reporter's note is public whatever they ask; staff keep theirs internal.
    case 'comment':
      return expectedFor(u, c).view === 'staff'
        ? { action, note: `INTERNAL#note by ${u.username}：13700000098`, internal: true }
        : { action, note: '居民补充说明', internal: true };
    case 'supervise':
      return { action, note: `STAFF#督办 by ${u.username}` };
  }
}

/** An open, unpaused case of the same world, which the viewer's region holds. */
function mergeTarget(c: WalkCase) {
  return w.cases.find((x) => x.world === c.world && x.id !== c.id && ['dispatched', 'in_progress'].includes(x.status) && !x.hotline)!.id;
}

describe('case relations gained through the API, and what hangs off a case', () => {
  const unitCase = (world: number) =>
    w.cases.find((c) => c.world === world && c.status === 'in_progress' && c.target === 'unit' && !c.pending)!;

  it('a 12345 order makes the clerk its desk, not its reporter; the caller is masked for masked roles and unknown to strangers', async () => {
    const clerk = w.userOf('community_staff', 0);
    const caller = '13966660001';
    const res = await inject(clerk, 'POST', '/api/cases', {
      categoryId: w.categoryId,
      description: `市民来电：楼下堆满杂物，回电${caller}`,
      regionId: w.worlds[0].house.grid_id,
      hotlineOrderNo: '12345-REL-0001',
      reporterName: '钱来电',
      reporterPhone: caller,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().caseId as number;
    const asClerk = (await inject(clerk, 'GET', `/api/cases/${id}`)).json();
    expect(asClerk.relations.sort()).toEqual(['dispatcher', 'verifier']);
    expect(asClerk.sources[0]).toMatchObject({ reporterPhone: caller, mine: false });
    const admin = await inject(w.userOf('county_admin', 0), 'GET', `/api/cases/${id}`);
    expect(scanResponse(admin.body, { masked: true })).toEqual([]);
    expect(admin.json().sources[0].reporterPhone).toBe('139****0001');
    for (const stranger of [
      w.userOf('resident_2', 0),
      w.userOf('property_staff', 0),
      w.userOf('community_staff', 1),
      w.userOf('dept_handler', 0),
    ]) {
      expect((await inject(stranger, 'GET', `/api/cases/${id}`)).statusCode, stranger.username).toBe(404);
    }
  });

  it('a report makes property staff its reporter and nothing more: no staff lines, no staff view', async () => {
    const property = w.userOf('property_staff', 0);
    const res = await inject(property, 'POST', '/api/cases', {
      categoryId: w.categoryId,
      description: '物业上报：地下车库入口堆放杂物',
      regionId: w.worlds[0].house.grid_id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().caseId as number;
    const desk = w.userOf('community_staff', 0);
    expect(
      (
        await inject(desk, 'POST', `/api/cases/${id}/actions`, {
          action: 'comment',
          note: 'INTERNAL#物业上报 已核实 13700000097',
          internal: true,
        })
      ).statusCode,
    ).toBe(200);
    const seen = await inject(property, 'GET', `/api/cases/${id}`);
    expect(seen.json()).toMatchObject({ relations: ['reporter'], actions: ['comment'], supervisions: [], houseId: null, stepDueAt: null });
    expect(scanResponse(seen.body, { masked: true, forbidden: ['INTERNAL#'] })).toEqual([]);
    // Their own report they read in full.
    expect(seen.json().description).toBe('物业上报：地下车库入口堆放杂物');
  });

  it('the 一车一档 dossier: the staff view reads it (the owner in full only where the role needs it), workers act, readers may not, the rest get 404', async () => {
    const avCategory = await w.db
      .selectFrom('case_categories')
      .select('id')
      .where('code', '=', 'abandoned_vehicle')
      .executeTakeFirstOrThrow();
    const wrong: string[] = [];
    for (const world of [0, 1] as const) {
      const base = unitCase(world);
      const ownerIdCard = makeOwnerIdCard(world);
      const owner = await w.db
        .insertInto('residents')
        .values({
          id_card: ownerIdCard,
          name: `车主${world}`,
          gender: 'male',
          birth_date: '1975-05-05',
          phone: `1350000000${world}`,
          population_type: 'registered',
          house_id: w.worlds[world].house.id,
          community_id: w.worlds[world].house.community_id,
          grid_id: w.worlds[world].house.grid_id,
          region_path: w.worlds[world].house.region_path,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const plate = `鲁AREL${world}`;
      await w.db
        .insertInto('vehicles')
        .values({ plate, vehicle_type: 'car', owner_id: owner.id, region_path: w.worlds[world].house.region_path })
        .execute();
      await w.db
        .updateTable('cases')
        .set({
          category_id: avCategory.id,
          attributes: JSON.stringify({ plate, vehicle_kind: 'car', signs: ['dust'], location_kind: 'public_area' }),
        })
        .where('id', '=', base.id)
        .execute();
      await w.db
        .insertInto('av_dossiers')
        .values({ case_id: base.id, owner_status: 'found', owner_id: owner.id, owner_checked_at: new Date() })
        .execute();
      for (const u of w.users) {
        const e = expectedFor(u, base);
        const res = await inject(u, 'GET', `/api/abandoned-vehicles/dossiers/${base.id}`);
        const label = `${u.username} dossier of world ${world}`;
        if (e.view !== 'staff') {
          if (res.statusCode !== 404) wrong.push(`${label}: ${res.statusCode}`);
          continue;
        }
        if (res.statusCode !== 200) {
          wrong.push(`${label}: ${res.statusCode} ${res.body.slice(0, 100)}`);
          continue;
        }
        if ((res.json().owner.idCard === ownerIdCard) !== e.full) wrong.push(`${label}: owner ID ${res.json().owner.idCard}`);
        for (const leak of scanResponse(res.body, { masked: !e.full })) wrong.push(`${label}: ${leak}`);
        const works = ['dispatcher', 'handling_unit', 'handling_grid'].some((r) => e.relations.has(r as never));
        const copy = await cloneCase(w.db, base.id, 900_000 + u.id * 10 + world);
        const step = await inject(u, 'POST', `/api/abandoned-vehicles/dossiers/${copy}/owner-lookup`);
        if (step.statusCode !== (works ? 200 : 403)) wrong.push(`${label}: owner lookup ${step.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("a 督办单 is signed by whom it is addressed to: the unit, the grid's people, the town's desk; anyone else gets 404", async () => {
    const wrong: string[] = [];
    for (const world of [0, 1] as const) {
      const c = unitCase(world);
      const notice = (to: { org_unit_id?: number; region_id?: number }) =>
        w.db
          .insertInto('case_supervisions')
          .values({ case_id: c.id, level: 1, reason: '关系测试督办', org_unit_id: to.org_unit_id ?? null, region_id: to.region_id ?? null })
          .returning('id')
          .executeTakeFirstOrThrow();
      const targets = {
        unit: { id: (await notice({ org_unit_id: w.worlds[world].unitId })).id, signers: ['dept_handler'] },
        grid: { id: (await notice({ region_id: w.worlds[world].house.grid_id! })).id, signers: ['grid_worker', 'community_staff'] },
        town: { id: (await notice({ region_id: w.worlds[world].town.id })).id, signers: ['town_staff'] },
      };
      for (const [kind, target] of Object.entries(targets)) {
        for (const u of w.users) {
          const may = u.world === world && target.signers.includes(u.key);
          const permitted = ['community_staff', 'grid_worker', 'grid_worker_2', 'dept_handler', 'county_admin', 'town_staff'].includes(
            u.key,
          );
          const res = await inject(u, 'POST', `/api/supervision/notices/${target.id}/acknowledge`);
          const want = may ? 200 : permitted ? 404 : 403;
          if (res.statusCode !== want)
            wrong.push(`${u.username} signs the ${kind} notice of world ${world}: ${res.statusCode}, expected ${want}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

/** An ID number for a car owner of a world, valid by GB 11643. */
function makeOwnerIdCard(world: number) {
  return makeIdCard(world === 0 ? '19750505' : '19760606');
}
