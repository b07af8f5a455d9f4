import { contractJsonSchema, SCHEMA_CONTRACTS } from './contracts';

/**
 * Prints a contract's JSON Schema as its readers see it (unknown fields refused), for writers in
 * other languages to be tested against: `node --import tsx scripts/docs/printContractSchema.ts job-timings`.
 */
const name = process.argv[2] ?? '';
const contract = SCHEMA_CONTRACTS.find((c) => c.name === name);
if (contract === undefined) {
  process.stderr.write(
    `printContractSchema: contract ${JSON.stringify(name)}; expected one of ${SCHEMA_CONTRACTS.map((c) => c.name).join(', ')}\n`,
  );
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(contractJsonSchema(contract.schema, 'output'), null, 2)}\n`);
