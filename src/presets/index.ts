// Public API of src/presets/. Internals live in private/ and are not re-exported.
export {};
