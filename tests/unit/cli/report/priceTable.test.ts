import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@seisless/core';
import { loadPriceTable, PRICE_TABLE_PATH } from '../../../../scripts/report/priceTable';

const root = join(__dirname, '..', '..', '..', '..');

describe('loadPriceTable', () => {
  it("reads the repository's table with its region, date and source", () => {
    const table = loadPriceTable(root);
    expect(table.region).toBe('us-east-1');
    expect(table.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(table.source).toMatch(/aws\.amazon\.com/);
    expect(table.ec2OnDemandPerHour['c5.large']).toBeGreaterThan(0);
  });

  it('names the file and the field of a bad table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prices-'));
    mkdirSync(join(dir, 'numerical-examples', 'common'), { recursive: true });
    writeFileSync(join(dir, PRICE_TABLE_PATH), JSON.stringify({ region: 'us-east-1' }));
    expect(() => loadPriceTable(dir)).toThrow(ConfigError);
    expect(() => loadPriceTable(dir)).toThrow(/aws_prices\.json: date/);
    expect(() => loadPriceTable(join(dir, 'nowhere'))).toThrow(/the JSON price table/);
  });
});
