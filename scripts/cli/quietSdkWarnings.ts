/**
 * The AWS SDK warns that its Node 20 support ends in 2027 (a plain `Warning` whose message starts
 * with `NodeVersionSupportWarning`); drop that one, through the SDK's own switch and a filter, so
 * stderr stays for progress, and print every other warning as Node would.
 */
export function quietSdkWarnings(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (
      warning.name === 'NodeVersionSupportWarning' ||
      warning.message.startsWith('NodeVersionSupportWarning')
    )
      return;
    process.stderr.write(`${warning.name}: ${warning.message}\n`);
  });
}
