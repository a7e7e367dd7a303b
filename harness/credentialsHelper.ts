import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

/** `{{$credentials.name}}` in a generic authenticate template, resolved the way n8n resolves it. */
function resolveTemplate(template: string, credentials: ICredentialDataDecryptedObject): string {
	const text = template.startsWith('=') ? template.slice(1) : template;
	return text.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, name: string) =>
		String(credentials[name] ?? ''),
	);
}

/**
 * What n8n's server does with credentials, for a run outside the server: hands the node its
 * credential data and applies a credential type's generic `authenticate` block to each request.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly byName = new Map<string, ICredentialType>();

	/** Token data written back after an OAuth2 refresh, for tests to look at. */
	readonly updatedOauthTokenData: ICredentialDataDecryptedObject[] = [];

	/** How often each credential type was read (n8n reads and decrypts it from its database each time). */
	readonly reads = new Map<string, number>();

	constructor(
		types: ICredentialType[],
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
		for (const type of types) this.byName.set(type.name, type);
	}

	getParentTypes(name: string): string[] {
		const parents = this.byName.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const options = requestOptions as IHttpRequestOptions;
		const authenticate = this.byName.get(typeName)?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (authenticate?.type === 'generic') {
			const headers = { ...(options.headers ?? {}) } as Record<string, string>;
			for (const [key, template] of Object.entries(authenticate.properties.headers ?? {})) {
				headers[key] = resolveTemplate(String(template), credentials);
			}
			return { ...options, headers };
		}
		return options;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		_credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		_type: string,
	): Promise<ICredentials> {
		throw new Error('getCredentials is not used by this harness');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.credentials[type];
		if (!data) throw new Error(`No credentials of type ${type} were given to the harness`);
		this.reads.set(type, (this.reads.get(type) ?? 0) + 1);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.credentials[type] = { ...this.credentials[type], ...data };
		this.updatedOauthTokenData.push(data);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.byName.get(type)?.properties ?? [];
	}
}
