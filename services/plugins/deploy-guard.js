/**
 * Refuses `serverless deploy` while a param listed in `custom.deployGuard.requiredParams` still
 * holds its placeholder (its `params.default` value), naming the param and how to pass it.
 * Packaging is untouched, so `serverless package` keeps working offline with the placeholders.
 */
class DeployGuard {
  constructor(serverless, options) {
    this.serverless = serverless;
    this.options = options;
    this.hooks = { 'before:deploy:deploy': () => this.check() };
  }

  check() {
    const config = this.serverless.configurationInput ?? {};
    const required = config.custom?.deployGuard?.requiredParams ?? [];
    const placeholders = config.params?.default ?? {};
    const given = this.serverless.service.provider?.stage ?? this.options.stage;
    for (const name of required) {
      const value = resolvedParam(this.serverless, name, given);
      if (value === undefined || value === placeholders[name]) {
        throw new this.serverless.classes.Error(
          `param "${name}" still holds the placeholder "${placeholders[name]}": ` +
            `deploy with --param="${name}=<value>" (see the params section of serverless.yml)`,
        );
      }
    }
  }
}

/** The value `${param:name}` resolves to: CLI `--param`, then `params.<stage>`, then `params.default`. */
function resolvedParam(serverless, name, stage) {
  const cli = [].concat(serverless.processedInput?.options?.param ?? []);
  for (const entry of cli) {
    const at = entry.indexOf('=');
    if (at > 0 && entry.slice(0, at) === name) return entry.slice(at + 1);
  }
  const params = serverless.configurationInput?.params ?? {};
  return params[stage]?.[name] ?? params.default?.[name];
}

module.exports = DeployGuard;
