import { failedOutcome } from './correlate';
import type { BatchOperation, RefusedParameter } from './operation';
import type { InputErrorDetails, InputOutcome, PreparedInput } from './types';

/**
 * The request-level parameters HubSpot refused in this run, each with HubSpot's reason. A request
 * carrying one would be refused the same way, so the inputs carrying it are not sent again: they
 * fail with that reason, saying they were not sent. Splitting such a request would only send it
 * again and again, down to one input per request.
 */
export class RefusedParameters<I> {
	private readonly refused: Array<{ parameter: RefusedParameter<I>; details: InputErrorDetails }> =
		[];

	/**
	 * When the operation tells that HubSpot refused the request of `inputs` for a request-level
	 * parameter, remembers it and returns the inputs that carry it; undefined otherwise (also when
	 * none of them carries what the answer names: then the refusal is isolated as any other).
	 */
	learn(
		operation: BatchOperation<I>,
		inputs: Array<PreparedInput<I>>,
		refusal: { status: number; body: unknown; details: InputErrorDetails },
	): Array<PreparedInput<I>> | undefined {
		const parameter = operation.refusedParameter?.(inputs, refusal.status, refusal.body);
		if (!parameter) return undefined;
		const carriers = inputs.filter((p) => parameter.carriedBy(p.input));
		if (carriers.length === 0) return undefined;
		if (!this.refused.some((r) => r.parameter.name === parameter.name))
			this.refused.push({ parameter, details: refusal.details });
		return carriers;
	}

	/** Whether any of `inputs` carries a parameter refused earlier. */
	carriedByAny(inputs: Array<PreparedInput<I>>): boolean {
		return this.refused.length > 0 && inputs.some((p) => this.reasonFor(p.input) !== undefined);
	}

	/** The inputs still worth sending, and the outcomes of those carrying a refused parameter. */
	sift(inputs: Array<PreparedInput<I>>): {
		toSend: Array<PreparedInput<I>>;
		withheld: InputOutcome[];
	} {
		if (this.refused.length === 0) return { toSend: inputs, withheld: [] };
		const toSend: Array<PreparedInput<I>> = [];
		const withheld: InputOutcome[] = [];
		for (const p of inputs) {
			const reason = this.reasonFor(p.input);
			if (reason) withheld.push(failedOutcome(p, reason));
			else toSend.push(p);
		}
		return { toSend, withheld };
	}

	private reasonFor(input: I): InputErrorDetails | undefined {
		const hit = this.refused.find((r) => r.parameter.carriedBy(input));
		if (!hit) return undefined;
		return {
			...hit.details,
			message: `Not sent: an earlier request with ${hit.parameter.name} was refused: ${hit.details.message}`,
		};
	}
}
