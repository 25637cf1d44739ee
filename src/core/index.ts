// Public API of src/core/. Internals live in private/ and are not re-exported.
export * from './limits';
