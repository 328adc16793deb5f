import {
  deviceRuleParams,
  deviceRules,
  ruleOverrideBody,
  typeRuleBody,
  typeRuleParams,
  typeRules,
} from '../../../common/contracts/iot-rules.js';
import { idParams } from '../../../common/contracts/shared.js';
import { z } from 'zod';
import { writeAudit } from '../../platform/audit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { scopedDb, type ScopedDb } from '../../platform/db/scoped-db.js';
import { guarded, typed, viewerOf, type App } from '../../platform/http.js';
import { ruleSettingsRepository } from './rule-settings.repository.js';
import {
  deviceRulesOf,
  editTypeRule,
  removeDeviceOverride,
  setDeviceOverride,
  typeRulesOf,
  type RuleSettingsDeps,
} from './rule-settings.service.js';

/** 规则设置 (docs/decisions/032): a type's rules, a device's overrides; validate, scope, call the service. */
export async function ruleSettingsRoutes(app: App) {
  const r = typed(app);
  const tags = ['iot'];
  const deps = (scoped: ScopedDb, viewer: Viewer): RuleSettingsDeps => ({
    rules: ruleSettingsRepository(scoped),
    audit: (entry) => writeAudit(scoped.unscoped, viewer, entry),
    transaction: (work) => scoped.unscoped.transaction().execute((trx) => work(deps(scoped.on(trx), viewer))),
  });
  const depsFor = async (viewer: Viewer) => deps(await scopedDb(app.db, viewer), viewer);

  r.get(
    '/api/iot/device-types/:code/rules',
    guarded('iot.read', {
      tags,
      summary: '设备类型的告警规则（含文字说明、修改人）',
      params: z.object({ code: typeRuleParams.shape.code }),
      response: { 200: typeRules },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      return typeRulesOf(await depsFor(viewer), viewer, request.params.code);
    },
  );

  r.put(
    '/api/iot/device-types/:code/rules/:ruleCode',
    guarded('iot.configure', {
      tags,
      summary: '修改设备类型的一条规则（县级管理员；整条规则按 iotRule 校验，下一批读数起生效）',
      params: typeRuleParams,
      body: typeRuleBody,
      response: { 200: typeRules },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      return editTypeRule(await depsFor(viewer), viewer, request.params.code, request.params.ruleCode, request.body);
    },
  );

  r.get(
    '/api/iot/devices/:id/rules',
    guarded('iot.read', { tags, summary: '设备的生效规则（类型规则与本设备的覆盖）', params: idParams, response: { 200: deviceRules } }),
    async (request) => {
      const viewer = viewerOf(request);
      return deviceRulesOf(await depsFor(viewer), viewer, request.params.id);
    },
  );

  r.put(
    '/api/iot/devices/:id/rules/:ruleCode',
    guarded('iot.configure', {
      tags,
      summary: '设置本设备对一条类型规则的覆盖（启停、阈值、持续时间、级别…；合并后按 iotRule 校验）',
      params: deviceRuleParams,
      body: ruleOverrideBody,
      response: { 200: deviceRules },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      return setDeviceOverride(await depsFor(viewer), viewer, request.params.id, request.params.ruleCode, request.body);
    },
  );

  r.delete(
    '/api/iot/devices/:id/rules/:ruleCode',
    guarded('iot.configure', {
      tags,
      summary: '取消本设备的覆盖，恢复按类型规则运行',
      params: deviceRuleParams,
      response: { 200: deviceRules },
    }),
    async (request) => {
      const viewer = viewerOf(request);
      return removeDeviceOverride(await depsFor(viewer), viewer, request.params.id, request.params.ruleCode);
    },
  );
}
