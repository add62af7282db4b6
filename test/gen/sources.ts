// gen/: the bronze side of a generated project: XML sources, their mapping files and the typed tables
// they produce (column types exactly as compiler/load/xml-source-schema.ts derives them).
import type { Rng } from './prng.js';
import { keyOf, type Cat, type Col, type Dataset } from './relation.js';

type MappingType = 'VARCHAR' | 'BIGINT' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' | 'PARTIAL_DATE';

interface Entity {
  /** Singular, the grain name: key column `<name>_id`. */
  readonly name: string;
  readonly plural: string;
  /** Child tables: [table, element path, seq column]. */
  readonly children: readonly (readonly [string, string, string])[];
}

const ENTITIES: readonly Entity[] = [
  { name: 'customer', plural: 'customers', children: [['customer_addresses', 'addresses/address', 'address_seq'], ['customer_contacts', 'contacts/contact', 'contact_seq']] },
  { name: 'order', plural: 'orders', children: [['order_lines', 'lines/line', 'line_no'], ['order_payments', 'payments/payment', 'payment_seq']] },
  { name: 'product', plural: 'products', children: [['product_prices', 'prices/price', 'price_seq'], ['product_tags', 'tags/tag', 'tag_seq']] },
  { name: 'supplier', plural: 'suppliers', children: [['supplier_contracts', 'contracts/contract', 'contract_seq']] },
  { name: 'store', plural: 'stores', children: [['store_visits', 'visits/visit', 'visit_seq']] },
  { name: 'employee', plural: 'employees', children: [['employee_roles', 'roles/role', 'role_seq']] },
  { name: 'shipment', plural: 'shipments', children: [['shipment_events', 'events/event', 'event_seq']] },
  { name: 'invoice', plural: 'invoices', children: [['invoice_items', 'items/item', 'item_no']] },
  { name: 'campaign', plural: 'campaigns', children: [['campaign_touches', 'touches/touch', 'touch_seq']] },
  { name: 'account', plural: 'accounts', children: [['account_entries', 'entries/entry', 'entry_seq']] },
];

/** Attribute pool: names never end in `_id` (see Rel's invariant). */
const ATTRIBUTES: readonly (readonly [string, MappingType])[] = [
  ['display_name', 'VARCHAR'], ['status_code', 'VARCHAR'], ['region_code', 'VARCHAR'], ['country_code', 'VARCHAR'],
  ['category_name', 'VARCHAR'], ['email_address', 'VARCHAR'], ['channel_name', 'VARCHAR'], ['currency_code', 'VARCHAR'],
  ['notes_text', 'VARCHAR'], ['city_name', 'VARCHAR'], ['postal_code', 'VARCHAR'], ['segment_name', 'VARCHAR'],
  ['source_system', 'VARCHAR'], ['phone_number', 'VARCHAR'], ['title_text', 'VARCHAR'], ['brand_name', 'VARCHAR'],
  ['quantity_units', 'INTEGER'], ['priority_rank', 'INTEGER'], ['units_sold', 'BIGINT'], ['age_years', 'INTEGER'],
  ['tier_level', 'INTEGER'], ['retry_count', 'INTEGER'], ['visit_count', 'BIGINT'], ['page_views', 'BIGINT'],
  ['unit_price', 'DOUBLE'], ['discount_rate', 'DOUBLE'], ['total_amount', 'DOUBLE'], ['weight_kg', 'DOUBLE'],
  ['score_value', 'DOUBLE'], ['tax_amount', 'DOUBLE'], ['shipping_cost', 'DOUBLE'], ['balance_amount', 'DOUBLE'],
  ['is_active', 'BOOLEAN'], ['is_deleted', 'BOOLEAN'], ['is_priority', 'BOOLEAN'], ['is_verified', 'BOOLEAN'],
  ['created_on', 'PARTIAL_DATE'], ['updated_on', 'PARTIAL_DATE'], ['closed_on', 'PARTIAL_DATE'],
];

const CAT: Readonly<Record<Exclude<MappingType, 'PARTIAL_DATE'>, Cat>> = { VARCHAR: 'str', BIGINT: 'int', INTEGER: 'int', DOUBLE: 'num', BOOLEAN: 'bool' };

/** One generated XML source: its mapping file and the bronze tables it produces. */
export interface GeneratedSource {
  readonly name: string;
  readonly mappingPath: string;
  readonly mappingYaml: string;
  readonly tables: readonly Omit<Dataset, 'pipeline'>[];
}

interface MappedColumn {
  readonly name: string;
  readonly path: string;
  readonly type: MappingType;
}

function outputCols(columns: readonly MappedColumn[]): Col[] {
  return columns.flatMap((c): Col[] =>
    c.type === 'PARTIAL_DATE'
      ? [{ name: c.name, cat: 'str' }, { name: `${c.name}_year`, cat: 'int' }, { name: `${c.name}_month`, cat: 'int' }, { name: `${c.name}_day`, cat: 'int' }]
      : [{ name: c.name, cat: CAT[c.type] }],
  );
}

/** Picks attributes until the table has between `lo` and `hi` output columns (PARTIAL_DATE counts 4). */
function pickAttributes(rng: Rng, already: number, lo: number, hi: number): MappedColumn[] {
  const target = rng.int(lo, hi);
  const out: MappedColumn[] = [];
  let width = already;
  for (const [name, type] of rng.sample(ATTRIBUTES, ATTRIBUTES.length)) {
    if (width >= target) break;
    const w = type === 'PARTIAL_DATE' ? 4 : 1;
    if (width + w > hi) continue;
    out.push({ name, path: name, type });
    width += w;
  }
  return out;
}

function columnLine(c: MappedColumn, indent: string): string {
  const path = c.path.startsWith('@') || c.path.includes('/') ? `"${c.path}"` : c.path;
  return `${indent}- { name: ${c.name}, path: ${path}${c.type === 'VARCHAR' ? '' : `, type: ${c.type}`} }`;
}

/**
 * Generates `count` XML sources (3 or 4, giving 5–9 bronze tables): each a record table with 8–20 typed
 * columns (key, 1–2 foreign keys, attributes) and 1–2 child tables of 5–12 columns.
 */
export function generateSources(rng: Rng, count: number): GeneratedSource[] {
  const entities = rng.sample(ENTITIES, count);
  return entities.map((e) => {
    const others = ENTITIES.filter((o) => o !== e && entities.includes(o));
    const fks = rng.sample(others, rng.int(1, Math.min(2, others.length)));
    const record: MappedColumn[] = [
      { name: keyOf(e.name), path: '@id', type: 'BIGINT' },
      ...fks.map((o): MappedColumn => ({ name: keyOf(o.name), path: `${o.name}/@id`, type: 'BIGINT' })),
    ];
    record.push(...pickAttributes(rng, record.length, 8, 20));
    const tables: Omit<Dataset, 'pipeline'>[] = [{ name: e.plural, layer: 'bronze', grain: e.name, cols: outputCols(record) }];
    const lines = [
      `# Generated by test/gen/gen-project.ts: the ${e.plural} dump -> bronze tables. Regenerate, do not edit.`,
      `root: ${e.plural}`, `record: ${e.name}`, `table: ${e.plural}`, `key: ${keyOf(e.name)}`,
      `description: "One row per ${e.name} record."`, 'columns:', ...record.map((c) => columnLine(c, '  ')),
    ];
    const children = rng.sample(e.children, rng.int(1, Math.min(e.children.length, count >= 4 ? 1 : 2)));
    if (children.length) lines.push('children:');
    for (const [table, path, seq] of children) {
      const childFk = rng.chance(0.5) && others.length ? [rng.pick(others)] : [];
      const own: MappedColumn[] = childFk.map((o) => ({ name: keyOf(o.name), path: `${o.name}/@id`, type: 'BIGINT' }));
      own.push(...pickAttributes(rng, 2 + own.length, 5, 12));
      tables.push({ name: table, layer: 'bronze', grain: e.name, cols: [{ name: keyOf(e.name), cat: 'int' }, { name: seq, cat: 'int' }, ...outputCols(own)] });
      lines.push(`  - table: ${table}`, `    path: ${path}`, `    seq: ${seq}`, `    description: "One row per ${path.split('/').pop()} element of a ${e.name}."`, '    columns:', ...own.map((c) => columnLine(c, '      ')));
    }
    return { name: e.plural, mappingPath: `mappings/${e.plural}.yaml`, mappingYaml: `${lines.join('\n')}\n`, tables };
  });
}

/** Plural table name of an entity (for dataset names). */
export function pluralOf(grain: string): string {
  return ENTITIES.find((e) => e.name === grain)?.plural ?? `${grain}s`;
}
