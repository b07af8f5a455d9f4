/** The parts of checkov's JSON report (`-o json`) the verdict reads; one object per framework. */
export interface CheckovReport {
  results?: {
    failed_checks?: { check_id: string; check_name: string; resource: string; file_path: string }[];
    parsing_errors?: string[];
  };
}

export interface CheckovVerdict {
  /** Failed checks that are not on the skip list, one line each. */
  readonly failures: string[];
  /** Skip-list entries no failure needs any more (remove them). */
  readonly stale: string[];
  /** Templates checkov could not parse. */
  readonly unparsed: string[];
  /** How many failures the skip list accounts for. */
  readonly skipped: number;
}

const skipLine = /^(CKV2?_[A-Z0-9_]+):\s+(\S.*)$/;

/**
 * Reads the skip list (`CHECK_ID: one-line reason`, `#` comments, blank lines); throws naming
 * the first line without an id or a reason.
 *
 * @example
 * parseSkipList('CKV_AWS_18: no log bucket'); // Map { 'CKV_AWS_18' => 'no log bucket' }
 */
export function parseSkipList(text: string): Map<string, string> {
  const skips = new Map<string, string>();
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = skipLine.exec(line);
    if (!match?.[1] || !match[2]) {
      throw new Error(`line ${index + 1} is not 'CHECK_ID: reason': ${line}`);
    }
    skips.set(match[1], match[2]);
  }
  return skips;
}

/**
 * Failures outside the skip list, skips no failure needs, and unparsed templates, from a run of
 * checkov without skips.
 */
export function checkovVerdict(reports: CheckovReport[], skips: Map<string, string>): CheckovVerdict {
  const failures: string[] = [];
  const used = new Set<string>();
  let skipped = 0;
  for (const report of reports) {
    for (const check of report.results?.failed_checks ?? []) {
      if (skips.has(check.check_id)) {
        used.add(check.check_id);
        skipped += 1;
      } else {
        failures.push(`${check.file_path}: ${check.resource}: ${check.check_id} ${check.check_name}`);
      }
    }
  }
  const unparsed = reports.flatMap((report) => report.results?.parsing_errors ?? []);
  const stale = [...skips.keys()].filter((id) => !used.has(id));
  return { failures, stale, unparsed, skipped };
}
