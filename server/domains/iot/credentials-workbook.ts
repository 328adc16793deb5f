import ExcelJS from 'exceljs';
import type { DeviceCredentials } from '../../../common/contracts/iot-devices.js';

/**
 * The credentials of an import's devices as a workbook built in memory and sent once
 * (decision 028): serial, MQTT user name, secret and HTTP token, as text so Excel keeps them whole.
 */
export async function credentialsWorkbook(rows: (DeviceCredentials & { serial: string })[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CivicGrid';
  const sheet = wb.addWorksheet('设备凭据', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '设备编号', key: 'serial', width: 20 },
    { header: 'MQTT 用户名', key: 'username', width: 30 },
    { header: 'MQTT 密钥', key: 'password', width: 50 },
    { header: 'HTTP 令牌', key: 'httpToken', width: 80 },
  ].map((c) => ({ ...c, style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
