/**
 * Issue 17 §5: a certificate problem stops the run once. A local https server presents a
 * self-signed certificate (made at test time with the openssl CLI; no key is kept in the repo).
 * Every request to it fails the same way, so the node, driven through n8n's engine and its real
 * request helper, must stop once with a message naming the host, the problem and the fix
 * (NODE_EXTRA_CA_CERTS), and open at most a connection or two: nothing retried, per chunk or not.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import type { ICredentialDataDecryptedObject, INode, INodeParameters } from 'n8n-workflow';

import { loadOptionsContext } from '../../harness/loadOptions';
import { loadOwnNode } from '../../harness/nodeTypes';
import { runWorkflow, type WorkflowRun } from '../../harness/runWorkflow';
import { fieldsParameters, nodeWorkflow } from '../../harness/workflows';
import {
	basicProperties,
	errorOf,
	goalRows,
	OUR_NODE_NAME,
	outputs,
} from '../../testkit/workflowRun';

let server: Server;
let baseUrl: string;
let host: string;
/** TCP connections the server accepted (each one a TLS handshake the client refused). */
let connections = 0;

/** A throwaway self-signed certificate and key, for this run only. */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
	const dir = mkdtempSync(path.join(tmpdir(), 'hsgt-tls-'));
	try {
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-days',
				'1',
				'-subj',
				'/CN=hubspot-stand-in.test',
				'-keyout',
				path.join(dir, 'key.pem'),
				'-out',
				path.join(dir, 'cert.pem'),
			],
			{ stdio: 'pipe' },
		);
		return {
			key: readFileSync(path.join(dir, 'key.pem')),
			cert: readFileSync(path.join(dir, 'cert.pem')),
		};
	} catch (error) {
		throw new Error(
			`This test makes its certificate with the openssl CLI, which failed or is missing: ${String(error)}`,
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

beforeAll(async () => {
	server = createServer(selfSignedCertificate(), (request, response) => {
		request.resume();
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end(JSON.stringify({ status: 'COMPLETE', results: [] }));
	});
	server.on('connection', () => connections++);
	server.on('tlsClientError', () => {});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
	baseUrl = `https://${host}`;
});
afterAll(async () => await new Promise((resolve) => server.close(resolve)));
beforeEach(() => (connections = 0));

const tokenCredential = (): Record<string, ICredentialDataDecryptedObject> => ({
	hubSpotGoalTargetsTokenApi: { accessToken: 'fake-token', baseUrl },
});

async function runNode(
	parameters: INodeParameters,
	items = goalRows(3),
	settings: Partial<INode> = {},
): Promise<WorkflowRun> {
	return await runWorkflow(nodeWorkflow(items, parameters, settings), {
		credentials: tokenCredential(),
	});
}

/** What every stop message must say: the host, the problem, and how to fix it. */
function expectStopMessage(message: string | undefined) {
	expect(message).toContain(`Could not connect securely to ${host}`);
	expect(message).toContain('self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)');
	expect(message).toContain('NODE_EXTRA_CA_CERTS');
	expect(message).toContain("the credential's Base URL");
}

describe('an https Base URL whose certificate Node does not trust', () => {
	it('upsert of 250 items (3 requests, properties checked first): the node stops once, no retry', async () => {
		const result = await runNode(fieldsParameters(basicProperties), goalRows(250));
		const error = result.errorOf(OUR_NODE_NAME);
		expectStopMessage(error?.message);
		// The property lookup and the first batch request: nothing else, nothing again.
		expect(connections).toBeGreaterThanOrEqual(1);
		expect(connections).toBeLessThanOrEqual(2);
		console.log(`self-signed Base URL, upsert of 250 items: ${connections} connections`);
	});

	it('continuing on error, every item goes to Error with the reason, once', async () => {
		const result = await runNode(
			fieldsParameters(basicProperties, { options: { validateProperties: false } }),
			goalRows(250),
			{ onError: 'continueErrorOutput' },
		);
		const { success, errors } = outputs(result);
		expect(success).toEqual([]);
		expect(errors).toHaveLength(250);
		expect(errors.every((item) => errorOf(item).category === 'CONFIGURATION_ERROR')).toBe(true);
		expectStopMessage(errorOf(errors[0]).message as string);
		expect(errorOf(errors[249]).message).toMatch(/^Not sent: Could not connect securely/);
		expect(connections).toBe(1);
	});

	it('Get Many: stops with the same message after one connection', async () => {
		const result = await runNode({ operation: 'getAll', returnAll: true }, [{}]);
		expectStopMessage(result.errorOf(OUR_NODE_NAME)?.message);
		expect(connections).toBe(1);
	});

	it('Search of 3 items: stops at the first, one connection', async () => {
		const result = await runNode({ operation: 'search' }, [{}, {}, {}]);
		expectStopMessage(result.errorOf(OUR_NODE_NAME)?.message);
		expect(connections).toBe(1);
	});

	it('the ID Property dropdown in the editor fails with the same message', async () => {
		const context = loadOptionsContext({ authentication: 'accessToken' }, tokenCredential());
		const node = loadOwnNode();
		const failure = await node.methods!.loadOptions!.getUniqueProperties.call(context).then(
			() => undefined,
			(error: Error) => error,
		);
		expectStopMessage(failure?.message);
		expect(connections).toBe(1);
	});
});
