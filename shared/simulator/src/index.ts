/** @switchyard/simulator: a local AWS (RDS, CloudWatch, Cost Explorer, STS) speaking the real wire protocols. */
export { startSimulator, type RunningSimulator, type SimulatorOptions } from './simulator';
export type { SimulatorControl, SimulatorHealth } from './simulator-control';
export { simulatorMain, parseSimulatorArgs, type SimulatorArgs } from './main';
export { demoFleet, type FleetOptions, type DemoFleetOptions } from './fleets/demo-fleet';
export { generatedFleet, type GeneratedFleetOptions } from './fleets/generated-fleet';
export type { FaultRequest, FaultType } from './model/fault-actions';
export type { FaultSet, ThrottleRule, FailoverFault, LagSpike, BlueGreenTimeoutFault } from './model/faults';
export type { Job } from './model/jobs';
export type { RequestLogEntry } from './server/request-log';
export type { SimClock } from './world';
export { CONTROL_PREFIX } from './server/control-api';
export * from './model/types';
