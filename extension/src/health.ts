import type { DoctorReport } from './sidecar/protocol';
import type { Health } from './statusModel';

export function healthFromReport(report: DoctorReport, keyMissing?: boolean): Health {
  const health: Health = { selected: report.selected, identity: report.identity?.name ?? null };
  if (report.access) {
    health.access = report.access.status;
  }
  if (keyMissing) {
    health.keyMissing = true;
  }
  return health;
}
