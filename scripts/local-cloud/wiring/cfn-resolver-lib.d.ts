/** The part of cfn-resolver-lib 1.1.8 (untyped CommonJS) that the wiring reader uses. */
declare module 'cfn-resolver-lib' {
  interface ResolverParameters {
    /** Values of `Ref` (pseudo parameters, template parameters, logical ids); also `${…}` of Fn::Sub. */
    RefResolvers?: Record<string, unknown>;
    /** `Fn::GetAtt` values by logical id, then attribute. */
    'Fn::GetAttResolvers'?: Record<string, Record<string, unknown>>;
    'Fn::ImportValueResolvers'?: Record<string, unknown>;
  }

  /** Evaluates the intrinsic functions of a CloudFormation template. */
  class NodeEvaluator {
    constructor(template: unknown, parameters?: ResolverParameters, verbose?: boolean);
    /** The template with every intrinsic it can evaluate replaced by its value. */
    evaluateNodes(parameters?: ResolverParameters): Record<string, unknown>;
  }

  export = NodeEvaluator;
}
