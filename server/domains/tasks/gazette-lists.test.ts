import { describe, expect, it } from 'vitest';
import { listsFromGazette } from './gazette-lists.js';
import { abandonedVehiclePhases, disclosureTasks, ecnyTargets } from './gazette.fixtures.js';

describe('what a gazette document gives task supervision', () => {
  it('gives a document with a task table a list of its tasks, titled by its table, counted from its date', () => {
    const [list] = listsFromGazette([disclosureTasks()]);
    expect(list).toMatchObject({
      number: '平政办发〔2023〕5号',
      kind: 'table',
      title: '2023年平阴县政务公开重点工作任务分解表',
      issuedOn: '2023-07-28',
    });
    expect(list.tasks.map((t) => t.seq)).toEqual([1, 5, 17, 18, 19]);
    expect(list.tasks[0].units).toEqual(['县发改局', '县工信局', '县特色产业发展中心', '县商务事业发展中心', '相关镇（街道）', '相关部门']);
  });

  it("gives the 数字人民币 list its tasks, not its stages, with targets due at their periods' ends", () => {
    const [list] = listsFromGazette([ecnyTargets()]);
    expect(list.tasks).toHaveLength(1);
    expect(list.tasks[0].targets.map((t) => [t.period, t.due, t.measures.length])).toEqual([
      ['上半年目标', '2023-06-30', 0],
      ['三季度目标', '2023-09-30', 0],
      ['全年目标', '2023-12-31', 2],
    ]);
  });

  it('gives a plan without a table its phases, the bracketed dates kept as the deadline text', () => {
    const [list] = listsFromGazette([abandonedVehiclePhases()]);
    expect(list.kind).toBe('phases');
    expect(list.tasks.map((t) => [t.task, t.deadlineText, t.startsOn, t.deadline])).toEqual([
      ['全面排查阶段', '2023年9月10日前完成', null, '2023-09-10'],
      ['自行清理阶段', '2023年9月11日至10月31日', '2023-09-11', '2023-10-31'],
      ['分类处置阶段', '2023年11月1日至12月31日', '2023-11-01', '2023-12-31'],
    ]);
  });

  it('keeps 长期坚持 as ongoing, and gives a document with neither tasks nor phases nothing', () => {
    const doc = disclosureTasks();
    doc.tasks[0].deadline = 'ongoing';
    doc.tasks[0].deadlineText = '长期坚持';
    expect(listsFromGazette([doc])[0].tasks[0]).toMatchObject({ deadline: null, ongoing: true, deadlineText: '长期坚持' });
    expect(listsFromGazette([{ ...doc, tasks: [], phases: [] }])).toEqual([]);
  });
});
