/**
 * Builds a value on first use and keeps it for the life of the container: the one way seisless
 * handlers build their dependencies (configuration, SDK clients, ports). Built lazily, so a bad
 * configuration fails the invocation that needs it, with its error logged like any other; a
 * failed build is tried again by the next invocation.
 *
 * @example
 * const deps = coldStart(() => stepPorts(process.env));
 * const { store } = deps(); // built once
 */
export function coldStart<T>(build: () => T): () => T {
  let built: { readonly value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
