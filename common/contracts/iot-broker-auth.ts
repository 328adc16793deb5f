import { z } from 'zod';

/**
 * What an external EMQX 5 broker asks CivicGrid about its clients (issue 10, docs/decisions/033),
 * in the shape of EMQX's HTTP authenticator and HTTP authorizer: EMQX fills a JSON body template
 * from `${username}`, `${password}`, `${clientid}`, `${topic}`, `${action}` and reads
 * `result` (allow, deny, ignore) from a 200 answer. Unknown fields are ignored, so an operator's
 * template may send more (peerhost, qos).
 */
const text = (max: number) => z.string().max(max);

export const brokerAuthenticationBody = z.object({
  username: text(200).describe('设备的 MQTT 用户名，或平台消费账号'),
  password: text(500).describe('设备密钥，或平台消费账号的密码'),
  clientid: text(200).optional(),
});
export type BrokerAuthenticationBody = z.infer<typeof brokerAuthenticationBody>;

export const brokerResult = z.enum(['allow', 'deny', 'ignore']);
export type BrokerResult = z.infer<typeof brokerResult>;

export const brokerAuthenticationAnswer = z.object({
  result: brokerResult,
  /** Never a superuser: a superuser would pass every topic check (EMQX skips authorization for it). */
  is_superuser: z.literal(false),
});

export const brokerAuthorizationBody = z.object({
  username: text(200),
  clientid: text(200).optional(),
  topic: text(500).describe('发布的主题，或订阅的主题过滤器（共享订阅含 $share/组名/ 前缀）'),
  action: z.enum(['publish', 'subscribe']),
});
export type BrokerAuthorizationBody = z.infer<typeof brokerAuthorizationBody>;

export const brokerAuthorizationAnswer = z.object({ result: brokerResult });
