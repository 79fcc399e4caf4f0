import { PRESETS } from './presets';
import { ScenarioError, validateScenario, type Fault } from './scenario';
import type { K8sSimulator } from './simulator';

export interface ControlAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * `/_sim/…`: GET health, state, timeline, calls (?since=&write=true); DELETE calls;
 * POST advance {seconds}, faults [...], scenario {preset} or a scenario object, compact (watches
 * from any version before now get 410 Gone, as after etcd's compaction).
 */
export function handleControl(simulator: K8sSimulator, method: string, url: URL, body: unknown): ControlAnswer {
  const route = `${method} ${url.pathname}`;
  switch (route) {
    case 'GET /_sim/health':
      return { status: 200, body: { ok: true, now: simulator.world.now } };
    case 'GET /_sim/state':
      return { status: 200, body: simulator.snapshot() };
    case 'GET /_sim/timeline':
      simulator.cache.refresh();
      return { status: 200, body: simulator.world.timeline };
    case 'GET /_sim/calls': {
      const since = Number(url.searchParams.get('since') ?? 0);
      const calls =
        url.searchParams.get('write') === 'true' ? simulator.calls.writes(since) : simulator.calls.list(since);
      return { status: 200, body: calls };
    }
    case 'DELETE /_sim/calls':
      simulator.calls.clear();
      return { status: 204, body: {} };
    case 'POST /_sim/advance': {
      const seconds = Number((body as { seconds?: unknown })?.seconds);
      if (!(seconds > 0)) return { status: 400, body: { error: 'POST {"seconds": n} with n > 0' } };
      simulator.clock.advance(seconds);
      simulator.cache.refresh();
      return { status: 200, body: { now: simulator.world.now } };
    }
    case 'POST /_sim/compact':
      simulator.cache.compact();
      return { status: 200, body: { oldest: simulator.cache.oldestVersion } };
    case 'POST /_sim/faults':
      if (!Array.isArray(body))
        return {
          status: 400,
          body: { error: 'POST an array of faults: [{"verb":"patch","resource":"deployments","status":500}]' },
        };
      simulator.api.faults = body as Fault[];
      return { status: 200, body: { faults: body.length } };
    case 'POST /_sim/scenario': {
      const preset = (body as { preset?: unknown })?.preset;
      try {
        if (typeof preset === 'string') {
          if (!PRESETS[preset])
            return {
              status: 400,
              body: { error: `unknown preset "${preset}"; known: ${Object.keys(PRESETS).join(', ')}` },
            };
          simulator.reset(PRESETS[preset]());
        } else simulator.reset(validateScenario(body));
      } catch (error) {
        if (error instanceof ScenarioError) return { status: 400, body: { error: error.message } };
        throw error;
      }
      return { status: 200, body: { ok: true } };
    }
    default:
      return { status: 404, body: { error: `no control route ${route}` } };
  }
}
