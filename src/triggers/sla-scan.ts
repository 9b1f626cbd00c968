import { runSlaScan, type ScanReport } from '../incidents/scan';

/** The five-minute scheduled trigger (sd-sla-scan): one use case, the clock passed in. */
export async function slaScan(): Promise<ScanReport> {
  return runSlaScan(() => Date.now());
}
