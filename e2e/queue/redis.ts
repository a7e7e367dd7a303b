/**
 * Redis for n8n's queue (Bull): `redis-server` on a free 127.0.0.1 port, no persistence (no RDB
 * snapshots, no AOF), its working folder inside the scratch folder.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freePort, log, waitFor } from '../util';
import { startService, type Service } from './processes';

const run = promisify(execFile);

export interface Redis {
	host: string;
	port: number;
	service: Service;
}

export async function startRedis(
	workDir: string,
	logDir: string,
	timeoutMs = 30_000,
): Promise<Redis> {
	const dir = join(workDir, 'redis');
	mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const service = startService(
		'redis',
		'redis-server',
		[
			'--bind',
			'127.0.0.1',
			'--port',
			String(port),
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--protected-mode',
			'yes',
		],
		{ logBase: join(logDir, 'redis'), cwd: dir },
	);
	await waitFor(
		'Redis to answer PING',
		async () => {
			if (service.exited) throw new Error(`redis-server exited; see ${service.stdoutFile}`);
			const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], {
				timeout: 3_000,
			});
			return stdout.trim() === 'PONG';
		},
		timeoutMs,
		200,
	);
	log(`Redis on 127.0.0.1:${port}`);
	return { host: '127.0.0.1', port, service };
}
