/** Types of deploy-guard.js for the tests (serverless loads the plugin as plain CommonJS). */
declare class DeployGuard {
  constructor(serverless: unknown, options: { stage?: string });
  readonly hooks: Record<string, () => void>;
  check(): void;
}
export = DeployGuard;
