// Public API of src/guardrails/. Internals live in private/ and are not re-exported.
export {};
