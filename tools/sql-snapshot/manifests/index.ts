import type { FileManifest } from '../manifest.js';
import { abandonedVehicles } from './abandoned-vehicles.js';
import { calendar } from './calendar.js';
import { disclosure } from './disclosure.js';
import { cases } from './cases.js';
import { documents } from './documents.js';
import { exchange } from './exchange.js';
import { identity } from './identity.js';
import { iot } from './iot.js';
import { iotDevicePages } from './iot-device-pages.js';
import { notifications } from './notifications.js';
import { open311 } from './open311.js';
import { orgs } from './orgs.js';
import { people } from './people.js';
import { platform } from './platform.js';
import { proposals } from './proposals.js';
import { regions } from './regions.js';
import { seed } from './seed.js';
import { tasks } from './tasks.js';
import { vehicles } from './vehicles.js';

/** Each domain's manifests, by the name of its snapshot: queries/<name>.sql. */
export const DOMAINS: Record<string, FileManifest[]> = {
  'abandoned-vehicles': abandonedVehicles,
  calendar,
  cases,
  disclosure,
  documents,
  exchange,
  identity,
  iot,
  'iot-device-pages': iotDevicePages,
  notifications,
  open311,
  orgs,
  people,
  platform,
  proposals,
  regions,
  seed,
  tasks,
  vehicles,
};
