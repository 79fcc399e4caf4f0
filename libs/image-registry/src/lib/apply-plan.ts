import { registryFailure } from './errors';
import { tagConflict, type PublishPlan, type TagStep } from './publish-plan';
import type { RegistryClient } from './registry-client';

export type TagOutcome = 'pushed' | 'copied' | 'unchanged';

export interface ApplyContext {
  readonly client: RegistryClient;
  /** Pushes the local image under a tag and returns the digest the registry stored. */
  readonly push: (tag: string) => Promise<string>;
  readonly log: (line: string) => void;
}

export interface Applied {
  readonly digest: string;
  readonly tags: readonly { readonly tag: string; readonly outcome: TagOutcome }[];
}

/** Writes the plan's tags in order, then checks that every tag resolves to the one digest. */
export async function applyPlan(plan: PublishPlan, ctx: ApplyContext): Promise<Applied> {
  let digest = plan.digest;
  const tags: { tag: string; outcome: TagOutcome }[] = [];
  for (const step of plan.steps) {
    const applied = await applyStep(step, digest, ctx);
    digest = applied.digest;
    tags.push({ tag: step.tag, outcome: applied.outcome });
    ctx.log(`${step.tag}: ${describe(applied.outcome, step)} ${digest}`);
  }
  if (!digest) throw new Error('internal: a publish plan without steps');
  for (const { tag } of tags) {
    const actual = await ctx.client.resolveTag(tag);
    if (actual !== digest)
      throw registryFailure(
        `${ctx.client.imageName}:${tag} resolves to ${actual ?? 'nothing'} after publishing, expected ${digest}`,
      );
  }
  return { digest, tags };
}

async function applyStep(
  step: TagStep,
  digest: string | undefined,
  ctx: ApplyContext,
): Promise<{ digest: string; outcome: TagOutcome }> {
  const name = `${ctx.client.imageName}:${step.tag}`;
  if (step.action === 'push') {
    // The plan was made from a lookup; look again right before writing so a concurrent publish is not overwritten.
    const now = await ctx.client.resolveTag(step.tag);
    if (now)
      throw tagConflict(`${name} appeared (as ${now}) while publishing; nothing was pushed. Run again to re-check.`);
    return { digest: await ctx.push(step.tag), outcome: 'pushed' };
  }
  if (!digest) throw new Error(`internal: ${step.action} of ${step.tag} before the digest is known`);
  if (step.action === 'unchanged') return { digest, outcome: 'unchanged' };
  const now = await ctx.client.resolveTag(step.tag);
  if (now === digest) return { digest, outcome: 'unchanged' };
  if (now) throw tagConflict(`${name} appeared (as ${now}) while publishing; it was left as it is.`);
  const manifest = await ctx.client.getManifest(digest);
  if (!manifest) throw registryFailure(`${ctx.client.imageName}@${digest} vanished from the registry while publishing`);
  return { digest: await ctx.client.putManifest(step.tag, manifest), outcome: 'copied' };
}

function describe(outcome: TagOutcome, step: TagStep): string {
  if (outcome === 'copied' && step.action === 'copy') return `copied registry-side from ${step.from} →`;
  return outcome === 'unchanged' ? 'already' : `${outcome} →`;
}
