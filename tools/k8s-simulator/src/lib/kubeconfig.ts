/**
 * A kubeconfig for the simulator: its HTTPS endpoint on 127.0.0.1, the throwaway CA certificate it
 * made at start (kubectl and @kubernetes/client-node verify the server against it), and a static
 * bearer token. Without a certificate (a plain `http://` server), TLS is not verified, which
 * @kubernetes/client-node requires for http; kubectl then sends no token at all.
 */
export function simulatorKubeconfig(
  server: string,
  options: { token?: string; context?: string; namespace?: string; certificate?: string } = {},
): string {
  const context = options.context ?? 'k8s-sim';
  const trust = options.certificate
    ? `    certificate-authority-data: ${Buffer.from(options.certificate).toString('base64')}`
    : '    insecure-skip-tls-verify: true';
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: k8s-sim',
    '  cluster:',
    `    server: ${server}`,
    trust,
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
