import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What a TLS listener of the test broker needs, made fresh for each broker. */
export interface BrokerTls {
  /** PEM file of the certificate authority that signed the broker's certificate (give it to clients). */
  readonly caFile: string;
  /** That certificate, PEM. */
  readonly caPem: string;
  /** PEM file with the broker's private key (PKCS#8, unencrypted) and its certificate chain. */
  readonly keystoreFile: string;
}

/**
 * A throwaway certificate authority and a broker certificate it signed for 127.0.0.1 and
 * localhost (EC P-256, valid two days), made with `openssl` in `dir`. Kafka 3.x reads the
 * keystore as PEM (`ssl.keystore.type=PEM`); clients trust `caFile`.
 */
export async function makeBrokerTls(dir: string): Promise<BrokerTls> {
  const file = (name: string) => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(['req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=mpp test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  await openssl(['req', ...ec, '-keyout', file('broker.key'), '-out', file('broker.csr'), '-subj', '/CN=127.0.0.1']);
  await writeFile(file('broker.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n');
  await openssl(['x509', '-req', '-in', file('broker.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-out', file('broker.crt'), '-days', '2', '-extfile', file('broker.ext')]);
  const [key, certificate, caPem] = await Promise.all([readFile(file('broker.key'), 'utf8'), readFile(file('broker.crt'), 'utf8'), readFile(file('ca.pem'), 'utf8')]);
  const keystoreFile = file('broker.pem');
  await writeFile(keystoreFile, `${key}${certificate}${caPem}`, { mode: 0o600 });
  return { caFile: file('ca.pem'), caPem, keystoreFile };
}

function openssl(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { timeout: 60_000 }, (error, _stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
        reject(new Error('`openssl` was not found on PATH: install it (e.g. `apt-get install openssl`) to start a Kafka broker with a TLS listener'));
      } else if (error) reject(new Error(`\`openssl ${args[0]}\` failed: ${error.message}\n${stderr}`));
      else resolve();
    });
  });
}
