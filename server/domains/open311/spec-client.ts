/**
 * A GeoReport v2 client written from the specification alone (wiki.open311.org/GeoReport_v2 and
 * /Service_Discovery): its URLs, its form encoding and its response shapes. It knows nothing of
 * CivicGrid, so the tests that drive the server through it test the spec, not our own idea of it.
 * It keeps every raw answer it gets, so a test can look through all of them at once.
 */
export type Format = 'json' | 'xml';
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

export interface Answer<T = Value> {
  status: number;
  contentType: string;
  headers: Headers;
  body: string;
  data: T;
}

export interface Service {
  service_code: Value;
  service_name: Value;
  description: Value;
  metadata: Value;
  type: Value;
  keywords: Value;
  group: Value;
}
export interface ServiceAttribute {
  variable: Value;
  code: Value;
  datatype: Value;
  required: Value;
  datatype_description: Value;
  order: Value;
  description: Value;
  values?: { key: Value; name: Value }[];
}
export interface ServiceDefinition {
  service_code: Value;
  attributes: ServiceAttribute[];
}
export interface CreatedRequest {
  service_request_id?: Value;
  token?: Value;
  service_notice?: Value;
  account_id?: Value;
}
export interface ServiceRequest {
  service_request_id: Value;
  status: Value;
  status_notes: Value;
  service_name: Value;
  service_code: Value;
  description: Value;
  agency_responsible: Value;
  service_notice: Value;
  requested_datetime: Value;
  updated_datetime: Value;
  expected_datetime: Value;
  address: Value;
  address_id: Value;
  zipcode: Value;
  lat: Value;
  long: Value;
  media_url: Value;
}
export interface SpecError {
  code: Value;
  description: Value;
}

/** The fields of POST Service Request; attributes become attribute[code]=v or attribute[code][]=v. */
export interface RequestFields {
  service_code?: string;
  lat?: number | string;
  long?: number | string;
  address_string?: string;
  address_id?: string;
  email?: string;
  device_id?: string;
  account_id?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  description?: string;
  media_url?: string;
  jurisdiction_id?: string;
  attributes?: Record<string, string | string[]>;
}

export interface RequestsQuery {
  service_request_id?: string[];
  service_code?: string[];
  start_date?: string;
  end_date?: string;
  status?: string[];
}

// The spec's containers of one repeated child, which the Spark convention makes JSON arrays.
const LIST_CONTAINERS: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
};

export class GeoReportClient {
  readonly transcript: { method: string; url: string; status: number; body: string }[] = [];

  constructor(
    readonly endpoint: string,
    readonly apiKey?: string,
  ) {}

  discovery(format: Format = 'json') {
    return this.get<Value>(`discovery.${format}`, format);
  }
  services(format: Format = 'json') {
    return this.get<Service[]>(`services.${format}`, format);
  }
  serviceDefinition(code: string, format: Format = 'json') {
    return this.get<ServiceDefinition>(`services/${encodeURIComponent(code)}.${format}`, format);
  }
  request(id: string, format: Format = 'json') {
    return this.get<ServiceRequest[]>(`requests/${encodeURIComponent(id)}.${format}`, format);
  }
  token(token: string, format: Format = 'json') {
    return this.get<{ service_request_id: Value; token: Value }[]>(`tokens/${encodeURIComponent(token)}.${format}`, format);
  }

  requests(query: RequestsQuery = {}, format: Format = 'json') {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) params.set(name, Array.isArray(value) ? value.join(',') : value);
    }
    const qs = params.toString();
    return this.get<ServiceRequest[]>(`requests.${format}${qs ? `?${qs}` : ''}`, format);
  }

  /** POST Service Request, form-encoded as the spec's example request is. */
  async createRequest(
    fields: RequestFields,
    format: Format = 'json',
    options: { apiKey?: string | null; headers?: Record<string, string> } = {},
  ) {
    const form = new URLSearchParams();
    const apiKey = options.apiKey === undefined ? this.apiKey : options.apiKey;
    if (apiKey !== null && apiKey !== undefined) form.append('api_key', apiKey);
    for (const [name, value] of Object.entries(fields)) {
      if (name === 'attributes' || value === undefined) continue;
      form.append(name, String(value));
    }
    for (const [code, value] of Object.entries(fields.attributes ?? {})) {
      if (Array.isArray(value)) for (const v of value) form.append(`attribute[${code}][]`, v);
      else form.append(`attribute[${code}]`, value);
    }
    return this.call<CreatedRequest[]>('POST', `requests.${format}`, format, {
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...options.headers },
    });
  }

  /** Anything else under the endpoint, for the tests of odd requests. */
  raw(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}) {
    return this.call<Value>(method, path, path.split('?')[0].endsWith('.xml') ? 'xml' : 'json', init);
  }

  private get<T>(path: string, format: Format) {
    return this.call<T>('GET', path, format);
  }

  private async call<T>(
    method: string,
    path: string,
    format: Format,
    init: { body?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const url = `${this.endpoint}/${path}`;
    const res = await fetch(url, { method, body: init.body, headers: init.headers });
    const body = await res.text();
    this.transcript.push({ method, url, status: res.status, body });
    const contentType = res.headers.get('content-type') ?? '';
    const data = (format === 'xml' ? fromSparkXml(body) : JSON.parse(body)) as T;
    return { status: res.status, contentType, headers: res.headers, body, data };
  }
}

interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

/**
 * The spec's XML as the JSON it maps to (Spark convention): list containers become arrays,
 * other elements with children objects, leaves their text (empty → null). The document must
 * start with the declaration and say UTF-8, as the spec requires.
 */
export function fromSparkXml(xml: string): Value {
  return toValue(parseXml(xml));
}

function toValue(el: XmlElement): Value {
  const item = LIST_CONTAINERS[el.name];
  if (item !== undefined) {
    const wrong = el.children.find((c) => c.name !== item);
    if (wrong) throw new Error(`<${el.name}> holds <${wrong.name}>, the spec says <${item}>`);
    return el.children.map(toValue);
  }
  if (el.children.length) {
    const out: Record<string, Value> = {};
    for (const c of el.children) {
      if (c.name in out) throw new Error(`<${el.name}> repeats <${c.name}> outside a list`);
      out[c.name] = toValue(c);
    }
    return out;
  }
  return el.text === '' ? null : el.text;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    if (!(e in ENTITIES)) throw new Error(`unknown entity ${whole}`);
    return ENTITIES[e];
  });

/** Enough XML for GeoReport: a declaration, elements without attributes, text and entities. */
export function parseXml(xml: string): XmlElement {
  const declaration = /^<\?xml\s+version="1\.0"\s+encoding="utf-8"\s*\?>/i.exec(xml);
  if (!declaration) throw new Error('the document does not start with <?xml version="1.0" encoding="utf-8"?>');
  const rest = xml.slice(declaration[0].length);
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let at = 0;
  for (const token of rest.matchAll(/<(\/?)([^\s/>]+)\s*(\/?)>|([^<]+)/g)) {
    // Anything the two patterns do not cover (an attribute, a comment, a CDATA section) is not GeoReport.
    if (token.index !== at) throw new Error(`unexpected markup at: ${rest.slice(at, at + 40)}`);
    at += token[0].length;
    const [whole, closing, name, selfClosing, text] = token;
    if (text !== undefined) {
      if (stack.length) stack[stack.length - 1].text += decode(text);
      else if (text.trim()) throw new Error(`text outside the root element: ${text}`);
      continue;
    }
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name) || (closing && selfClosing)) throw new Error(`bad element ${whole}`);
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      if (open.children.length) {
        if (open.text.trim()) throw new Error(`<${name}> mixes text and elements`);
        open.text = '';
      }
      continue;
    }
    const el: XmlElement = { name, children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(el);
    else if (root) throw new Error('a second root element');
    else root = el;
    if (!selfClosing) stack.push(el);
  }
  if (at !== rest.length) throw new Error(`unexpected markup at: ${rest.slice(at, at + 40)}`);
  if (stack.length || !root) throw new Error('the document ends inside an element');
  return root;
}
