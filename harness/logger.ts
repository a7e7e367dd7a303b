import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { LoggerProxy } from 'n8n-workflow';

export interface LogEntry {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

/** A logger that keeps what the node logs, so tests can read it (and check it holds no secret). */
export class CapturingLogger {
	readonly entries: LogEntry[] = [];

	constructor(private readonly echo: LogEntry['level'][] = []) {}

	private record(level: LogEntry['level'], message: string, meta?: unknown) {
		this.entries.push({ level, message, meta });
		if (this.echo.includes(level)) console.log(`[${level}] ${message}`);
	}

	error(message: string, meta?: unknown) {
		this.record('error', message, meta);
	}

	warn(message: string, meta?: unknown) {
		this.record('warn', message, meta);
	}

	info(message: string, meta?: unknown) {
		this.record('info', message, meta);
	}

	debug(message: string, meta?: unknown) {
		this.record('debug', message, meta);
	}

	scoped() {
		return this;
	}

	/** Becomes the logger n8n's engine and the node use. */
	install() {
		Container.set(Logger, this as unknown as Logger);
		LoggerProxy.init(this);
		return this;
	}
}
