import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@seisless/core';
import { z } from 'zod';

/** Where the one price table lives, relative to the repository (read by the figure scripts too). */
export const PRICE_TABLE_PATH = join('numerical-examples', 'common', 'aws_prices.json');

const price = z.number().nonnegative();

/**
 * Today's AWS unit prices (USD) with their region, date and source: `numerical-examples/common/aws_prices.json`,
 * shared with the figure scripts (`common.constants.load_aws_prices`).
 */
export const priceTableSchema = z.object({
  region: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  currency: z.literal('USD'),
  source: z.string().min(1),
  ec2OnDemandPerHour: z.record(z.string(), price),
  spotFractionOfOnDemand: z.number().positive().max(1),
  spotSource: z.string().min(1),
  /** Lambda compute by the function's architecture (seisless deploys arm64: serverless.common.yml). */
  lambdaPerGbSecond: z.object({ x86_64: price, arm64: price }),
  lambdaPerRequest: price,
  sqsStandardPerRequest: price,
  sqsFifoPerRequest: price,
  stepFunctionsPerTransition: price,
  s3PerGbMonth: price,
  s3GetPerRequest: price,
  s3PutPerRequest: price,
  s3ListPerRequest: price,
  s3DaysPerMonth: z.number().positive(),
});

export type PriceTable = z.output<typeof priceTableSchema>;

/** A Lambda function's instruction set architecture (CloudFormation `Architectures`). */
export type LambdaArchitecture = keyof PriceTable['lambdaPerGbSecond'];

/** Reads and checks the price table under `repoRoot`. */
export function loadPriceTable(repoRoot: string): PriceTable {
  const path = join(repoRoot, PRICE_TABLE_PATH);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(path, (error as Error).message, 'the JSON price table', { cause: error });
  }
  const parsed = priceTableSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `${path}: ${issue?.path.join('.') ?? ''}`,
      issue?.message ?? 'invalid',
      'a price table',
    );
  }
  return parsed.data;
}
