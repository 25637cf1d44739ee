// Public API of src/presets/. Internals live in private/ and are not re-exported.
export * from './aria-secure-clouds-onboarding';
export * from './sky-formation-connector';
export * from './skyhigh-nrt-config-audit';
export * from './skyhigh-nrt-mode';
