/** The first `wanted` devices of the demo county, as its administrator lists them. */
export async function demoDevices(baseUrl: string, demoPassword: string, wanted: number) {
  const login = await fetch(new URL('/api/auth/login', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'county.admin', password: demoPassword }),
  });
  if (!login.ok) throw new Error(`无法以演示县管理员登录 ${baseUrl}（${login.status}）：模拟只适用于演示模式`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const found: { serial: string; typeCode: string }[] = [];
  for (let page = 1; found.length < wanted; page++) {
    const res = await fetch(new URL(`/api/iot/devices?status=active&pageSize=200&page=${page}`, baseUrl), { headers: { cookie } });
    if (!res.ok) throw new Error(`读取设备列表失败（${res.status}）`);
    const body = (await res.json()) as { items: { serial: string; typeCode: string }[] };
    if (body.items.length === 0) break;
    found.push(...body.items.map(({ serial, typeCode }) => ({ serial, typeCode })));
  }
  if (found.length === 0) throw new Error('演示县没有可用的设备');
  return found.slice(0, wanted);
}
