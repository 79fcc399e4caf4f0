/**
 * A kubeconfig for the simulator: plain HTTP on 127.0.0.1 (so `insecure-skip-tls-verify: true`,
 * which @kubernetes/client-node requires for http:// servers) and a static bearer token.
 */
export function simulatorKubeconfig(
  server: string,
  options: { token?: string; context?: string; namespace?: string } = {},
): string {
  const context = options.context ?? 'k8s-sim';
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: k8s-sim',
    '  cluster:',
    `    server: ${server}`,
    '    insecure-skip-tls-verify: true',
    'users:',
    '- name: slipway-deployer',
    '  user:',
    `    token: ${options.token ?? 'sim-token'}`,
    'contexts:',
    `- name: ${context}`,
    '  context:',
    '    cluster: k8s-sim',
    '    user: slipway-deployer',
    ...(options.namespace ? [`    namespace: ${options.namespace}`] : []),
    `current-context: ${context}`,
    '',
  ].join('\n');
}
