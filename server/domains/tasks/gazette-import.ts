import type { GazetteImportRepository } from './gazette-import.repository.js';
import type { ListSpec } from './gazette-lists.js';
import { assignUnits, type Assignment, type UnitDirectory } from './unit-assignment.js';

/**
 * Stores the gazette's task lists (gazette-lists.ts) in the importer's transaction; run again on
 * the same gazette it updates every row in place and adds none (decision 044).
 */
export interface GazetteImportDeps {
  writes: GazetteImportRepository;
  directory: UnitDirectory;
}

const keyOf = (u: { org_unit_id: number | null; region_id: number | null; printed_name: string }) =>
  u.org_unit_id !== null ? `u${u.org_unit_id}` : u.region_id !== null ? `r${u.region_id}` : `p${u.printed_name}`;

async function storeUnits(writes: GazetteImportRepository, taskId: number, units: Assignment[]) {
  const existing = new Map((await writes.unitsOf(taskId)).map((u) => [keyOf(u), u.id]));
  const kept = new Set<number>();
  for (const [sort, u] of units.entries()) {
    const row = { role: u.role, printed_name: u.printedName, org_unit_id: u.orgUnitId, region_id: u.regionId };
    const id = existing.get(keyOf(row));
    if (id === undefined) await writes.insertUnit({ task_id: taskId, ...row, sort });
    else {
      kept.add(id);
      await writes.updateUnit(id, { role: u.role, printed_name: u.printedName, sort });
    }
  }
  await writes.dropUnits([...existing.values()].filter((id) => !kept.has(id)));
}

export async function storeGazetteLists(deps: GazetteImportDeps, lists: ListSpec[], documentIds: Map<string, number>) {
  const { writes } = deps;
  const unresolved = new Set<string>();
  let tasks = 0;
  for (const list of lists) {
    const listId = await writes.upsertList({
      number: list.number,
      document_id: documentIds.get(list.number) ?? null,
      title: list.title,
      kind: list.kind,
      issued_on: list.issuedOn,
    });
    for (const t of list.tasks) {
      const taskId = await writes.upsertTask({
        list_id: listId,
        seq: t.seq,
        category: t.category,
        task: t.task,
        requirement: t.requirement,
        deadline: t.deadline,
        ongoing: t.ongoing,
        deadline_text: t.deadlineText,
        starts_on: t.startsOn,
      });
      tasks++;
      for (const [sort, target] of t.targets.entries()) {
        const targetId = await writes.upsertTarget({ task_id: taskId, period: target.period, due: target.due, text: target.text, sort });
        for (const [m, measure] of target.measures.entries()) await writes.upsertMeasure({ target_id: targetId, ...measure, sort: m });
        await writes.dropMeasuresFrom(targetId, target.measures.length);
      }
      await writes.dropTargetsFrom(taskId, t.targets.length);
      const assigned = assignUnits(t.units, deps.directory);
      assigned.unresolved.forEach((name) => unresolved.add(name));
      await storeUnits(writes, taskId, assigned.units);
    }
    await writes.dropTasksExcept(
      listId,
      list.tasks.map((t) => t.seq),
    );
  }
  return { lists: lists.length, tasks, unresolvedUnits: [...unresolved] };
}
