import type { FastifyRequest } from 'fastify';
import {
  brokerAuthenticationAnswer,
  brokerAuthenticationBody,
  brokerAuthorizationAnswer,
  brokerAuthorizationBody,
} from '../../../common/contracts/iot-broker-auth.js';
import type { Config } from '../../platform/config.js';
import { AppError } from '../../platform/errors.js';
import { typed, type App } from '../../platform/http.js';
import { brokerAuthRepository } from './broker-auth.repository.js';
import { authenticateBrokerClient, authorizeBrokerClient, sameSecret, type BrokerAuthDeps } from './broker-auth.service.js';
import type { Ingest } from './ingest/ingest.service.js';

/**
 * The endpoints an external EMQX 5 calls as its HTTP authenticator and HTTP authorizer
 * (docs/decisions/033, docs/OPERATIONS.md). Only the broker may ask: it sends the shared secret
 * BROKER_AUTH_SECRET as `Authorization: Bearer …`; without that setting the endpoints are off
 * (503), so a fresh install never answers "allow" to anyone who finds them.
 */
export async function brokerAuthRoutes(app: App, { ingest, settings }: { ingest: Ingest; settings: Config['iot'] }) {
  const deps: BrokerAuthDeps = {
    signIn: (username, password) => ingest.signIn(username, password),
    deviceByUsername: brokerAuthRepository(app.db).deviceByUsername,
    consumer: { username: settings.mqttUsername, password: settings.mqttPassword },
  };
  const brokerOnly = async (request: FastifyRequest) => {
    if (!settings.brokerAuthSecret)
      throw new AppError(503, 'BROKER_AUTH_OFF', '外部 MQTT 代理认证接口未启用：请设置 BROKER_AUTH_SECRET（见 docs/OPERATIONS.md）');
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!given || !sameSecret(given, settings.brokerAuthSecret))
      throw new AppError(
        401,
        'BROKER_AUTH_SECRET',
        '代理认证密钥无效：请在 EMQX 的请求头中设置 Authorization: Bearer <BROKER_AUTH_SECRET>',
      );
  };
  const schema = { tags: ['iot'], security: [{ brokerSecret: [] }] };

  typed(app).post(
    '/api/iot/broker/authenticate',
    {
      schema: {
        ...schema,
        summary: '外部 MQTT 代理（EMQX HTTP 认证器）：设备或平台消费账号登录',
        body: brokerAuthenticationBody,
        response: { 200: brokerAuthenticationAnswer },
      },
      preValidation: brokerOnly,
    },
    async (request) => ({ result: await authenticateBrokerClient(deps, request.body), is_superuser: false as const }),
  );

  typed(app).post(
    '/api/iot/broker/authorize',
    {
      schema: {
        ...schema,
        summary: '外部 MQTT 代理（EMQX HTTP 授权器）：发布或订阅某主题是否允许',
        body: brokerAuthorizationBody,
        response: { 200: brokerAuthorizationAnswer },
      },
      preValidation: brokerOnly,
    },
    async (request) => ({ result: await authorizeBrokerClient(deps, request.body) }),
  );
}
