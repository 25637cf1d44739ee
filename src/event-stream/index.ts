// Public API of src/event-stream/. Internals live in private/ and are not re-exported.
export * from './audited-services';
export * from './event-stream-rule';
export * from './central-event-queue';
export * from './regional-deployment';
export * from './audit-trail';
export * from './nrt-receiver';
export * from './nrt-publisher';
export * from './nrt-receiver-role-policies';
export * from './event-forwarder';
export * from './central-event-bus-policy';
