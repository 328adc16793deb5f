import { describe, expect, it } from 'vitest';
import { phaseProblem } from '../domains/abandoned-vehicles/phases.js';
import { demoCampaign } from './av-campaign.js';

describe('the demo county’s current campaign', () => {
  it('contains every day the generator files cases on, up to the end of the current year', () => {
    const c = demoCampaign(new Date('2026-12-05T02:00:00Z'), 120);
    expect(c.phases).toEqual([{ code: 'routine', name: '常态化执法监管', startsOn: '2026-08-01', endsOn: '2026-12-31' }]);
    expect(c).toMatchObject({ code: 'pingyin-routine-2026-08', docNumber: '平政办字〔2023〕7号', issuedOn: '2026-08-01' });
    expect(c.legalBasis).toContain('张贴废弃汽车限期清理通知书');
    expect(phaseProblem(c.phases)).toBeNull();
  });

  it('reaches back into the previous year early in a year, named for the current one', () => {
    const c = demoCampaign(new Date('2027-02-10T02:00:00Z'), 120);
    expect(c.phases[0]).toMatchObject({ startsOn: '2026-10-01', endsOn: '2027-12-31' });
    expect(c.name).toBe('平阴县废弃汽车常态化治理（2027年）');
  });
});
