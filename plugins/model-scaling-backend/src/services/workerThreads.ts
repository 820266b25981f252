/**
 * True when a worker thread can load the module at `modulePath`: compiled
 * JavaScript, or TypeScript under a Node `--require` transform that workers
 * inherit (`backstage-cli package start`, the benches). Not under Jest, whose
 * transform stays in its own module loader.
 */
export function workersCanLoad(
  modulePath: string,
  execArgv: string[] = process.execArgv,
): boolean {
  if (!modulePath.endsWith('.ts')) return true;
  return execArgv.some(a => /nodeTransform/.test(a));
}
