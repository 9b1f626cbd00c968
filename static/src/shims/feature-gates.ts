/**
 * Build-time stand-in for `@atlaskit/feature-gate-js-client/feature-gates`
 * (aliased in vite.config.ts).
 *
 * Atlaskit components ask `fg('some_flag')`, which falls through to the Statsig
 * client. Inside a Forge Custom UI iframe nobody initialises Statsig, so the real
 * client always answers "off" (false / the default value) after logging a warning
 * — yet it costs ~33 kB gzip in the issue panel's initial JS. This stub gives the
 * same answers without the client. A host that sets the documented
 * `__PLATFORM_FEATURE_FLAGS__.booleanResolver` is still honoured, because
 * `@atlaskit/platform-feature-flags` checks that resolver before calling here.
 */
const noop = (): void => undefined;
const unsubscribe = (): (() => void) => noop;

const FeatureGates = {
  checkGate: (_gateName: string): boolean => false,
  getExperimentValue: <T>(_experimentName: string, _parameterName: string, defaultValue: T): T => defaultValue,
  isGateExists: (_gateName: string): boolean => false,
  isExperimentExists: (_experimentName: string): boolean => false,
  initializeCalled: (): boolean => false,
  initializeCompleted: (): boolean => false,
  waitUntilInitializeCompleted: (): Promise<void> => Promise.resolve(),
  manuallyLogGateExposure: noop,
  manuallyLogExperimentExposure: noop,
  manuallyLogLayerExposure: noop,
  onGateUpdated: unsubscribe,
  onExperimentValueUpdated: unsubscribe,
  onAnyUpdated: unsubscribe,
};

export default FeatureGates;
