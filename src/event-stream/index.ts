// Public API of src/event-stream/. Internals live in private/ and are not re-exported.
export {};
