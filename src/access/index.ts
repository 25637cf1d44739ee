// Public API of src/access/. Internals live in private/ and are not re-exported.
export {};
