// Public API of src/stacksets/. Internals live in private/ and are not re-exported.
export {};
