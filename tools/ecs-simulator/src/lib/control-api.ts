import { apiScenario, type ApiScenarioOptions } from './presets';
import { ScenarioError, validateScenario, type FaultRule } from './scenario';
import { serviceDeploymentToWire } from './service-deployment-wire';
import type { Simulator } from './simulator';

/**
 * The simulator's own API under `/_sim/`, for tests, benchmarks and developers:
 * load a scenario, inject faults, jump time, read the call record, the state and the timeline.
 */
export interface ControlResponse {
  status: number;
  body: unknown;
}

export function handleControl(sim: Simulator, method: string, url: URL, body: unknown): ControlResponse {
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'GET /_sim/health':
        return ok({ ok: true, simTime: sim.clock.now(), msPerSimSecond: sim.clock.msPerSimSecond });
      case 'GET /_sim/state':
        return ok(sim.snapshot());
      case 'GET /_sim/timeline':
        sim.world.catchUp();
        return ok({ timeline: sim.world.timeline });
      case 'GET /_sim/service-deployments':
        sim.world.catchUp();
        return ok({
          serviceDeployments: [...sim.world.serviceDeployments.values()].map((sd) =>
            serviceDeploymentToWire(sim.world, sd),
          ),
          timeline: sim.world.serviceDeploymentTimeline,
        });
      case 'GET /_sim/calls': {
        const since = Number(url.searchParams.get('since') ?? 0);
        const operation = url.searchParams.get('operation');
        const mutating = url.searchParams.get('mutating');
        const calls = sim.calls
          .list(since)
          .filter((c) => operation === null || c.operation === operation)
          .filter((c) => mutating === null || String(c.mutating) === mutating);
        return ok({ calls });
      }
      case 'DELETE /_sim/calls':
        sim.calls.clear();
        return ok({});
      case 'POST /_sim/scenario':
        sim.load(validateScenario(body));
        return ok({ loaded: sim.scenario.name ?? 'scenario', msPerSimSecond: sim.clock.msPerSimSecond });
      case 'POST /_sim/preset/api': {
        // The api world with options, for clients that cannot import the presets (bench/deploy.mjs).
        if (typeof body !== 'object' || body === null || Array.isArray(body))
          return fail(400, 'Body must be the api preset options object');
        sim.load(validateScenario(apiScenario(body as ApiScenarioOptions)));
        return ok({ loaded: sim.scenario.name ?? 'api', msPerSimSecond: sim.clock.msPerSimSecond });
      }
      case 'POST /_sim/faults':
        sim.addFault(validateFault(body));
        return ok({ faults: sim.faults.summary() });
      case 'POST /_sim/advance': {
        const seconds = (body as { seconds?: unknown } | null)?.seconds;
        if (typeof seconds !== 'number' || seconds < 0)
          return fail(400, 'Body must be {"seconds": <simulated seconds to jump forward>}');
        sim.clock.advance(seconds);
        sim.world.catchUp();
        return ok({ simTime: sim.world.time });
      }
      default:
        return fail(
          404,
          `No control route ${route}. Routes: GET /_sim/{health,state,timeline,service-deployments,calls}, DELETE /_sim/calls, POST /_sim/{scenario,preset/api,faults,advance}`,
        );
    }
  } catch (error) {
    if (error instanceof ScenarioError) return fail(400, error.message);
    throw error;
  }
}

function validateFault(body: unknown): FaultRule {
  validateScenario({ faults: [body] });
  return body as FaultRule;
}

const ok = (body: unknown): ControlResponse => ({ status: 200, body });
const fail = (status: number, message: string): ControlResponse => ({ status, body: { error: message } });
