export * from './core';
export * from './access';
export * from './event-stream';
export * from './stacksets';
export * from './guardrails';
export * from './presets';
