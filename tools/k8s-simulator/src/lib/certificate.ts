import { generate } from 'selfsigned';

export interface ServerCertificate {
  /** PEM private key. */
  readonly key: string;
  /** PEM certificate, its own CA: the kubeconfig trusts exactly this one. */
  readonly cert: string;
}

/**
 * A throwaway self-signed certificate for 127.0.0.1 (EC P-256, valid for a day), made when the
 * simulator starts and kept in memory: kubectl sends its bearer token only over TLS.
 */
export async function throwawayCertificate(): Promise<ServerCertificate> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'k8s-simulator' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
