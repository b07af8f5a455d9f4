import { escapeHtml, row } from './htmlRows';
import type { CostLedger } from './ledgerTypes';

const quantities = (q: Readonly<Record<string, number | null>>) =>
  Object.entries(q)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k} ${Number((v as number).toPrecision(6))}`)
    .join(', ');

/** The report's cost ledger: one row per service, the total, per iteration, and where prices come from. */
export function costSection(ledger: CostLedger): string {
  const services = [
    ['Batch EC2', 'batch_ec2'],
    ['Lambda', 'lambda'],
    ['SQS', 'sqs'],
    ['Step Functions', 'step_functions'],
    ['S3', 's3'],
  ] as const;
  const head = row(['service', 'USD', 'counted', 'from'], 'th');
  const body = services.map(([name, key]) =>
    row([name, ledger[key].usd, quantities(ledger[key].quantities), ledger.sources[key] ?? '']),
  );
  const total = row(['total', ledger.total_usd, '', ''], 'th');
  const iterations = ledger.per_iteration.map((i) => row([i.k, i.attempts, i.failed_attempts, i.batch_usd]));
  const iterationTable =
    iterations.length === 0
      ? ''
      : `<table>${row(['k', 'Batch attempts', 'failed', 'Batch USD'], 'th')}${iterations.join('')}</table>`;
  const p = ledger.priced_as;
  const text =
    `Priced as if on AWS (${ledger.prices.region}, prices of ${ledger.prices.date}): Batch jobs on the ` +
    `${p.environment} environment (${p.instance_types.join(', ')}, ${p.purchase}), each attempt (failed ones ` +
    `included) at its share of the instance type named in report.json. ${ledger.notes.join(' ')} ` +
    `Prices: ${ledger.prices.source} ${ledger.prices.spot}`;
  return `<h2>Cost ledger</h2><table>${head}${body.join('')}${total}</table>${iterationTable}<p class="text">${escapeHtml(text)}</p>`;
}
