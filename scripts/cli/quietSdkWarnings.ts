/**
 * The AWS SDK warns on every client that its Node 20 support ends in 2027; drop that one warning
 * so stderr stays for progress, and print every other warning as Node would.
 */
export function quietSdkWarnings(): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name !== 'NodeVersionSupportWarning')
      process.stderr.write(`${warning.name}: ${warning.message}\n`);
  });
}
