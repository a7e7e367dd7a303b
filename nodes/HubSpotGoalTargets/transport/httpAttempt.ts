/** What one HTTP attempt came back with: what the transport gives every caller, an answer or not. */
export type HttpAttempt =
	| { kind: 'response'; statusCode: number; body: unknown; headers: Record<string, string> }
	/** No answer. `tls`: the host's certificate or TLS is refused (the message says which host and how to fix it). */
	| { kind: 'network'; code: string; message: string; tls?: boolean }
	/** An answer larger than any HubSpot answer can be: not read (`limit` says how much the node reads). */
	| { kind: 'tooLarge'; statusCode: number; headers: Record<string, string>; limit: string };
