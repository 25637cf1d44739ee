import { Construct } from 'constructs';
import { throwIfProblems } from '../../core/private/errors';
import { checkPropShapes, describeValue, PropsSpec, required } from '../../core/private/validators';
import { AuditedServices } from '../../event-stream/audited-services';
import {
  SkyhighNrtAccountRole, SkyhighNrtMode, SkyhighNrtOrganizationPublisherOptions, SkyhighNrtPublisherOptions, SkyhighNrtReceiverOptions,
} from '../skyhigh-nrt-mode';

/** The shape of each option of the receiver modes. */
const RECEIVER_OPTION_SHAPES: PropsSpec = { vendorRoleName: 'string', vendorQueueNamePrefix: 'string', existingAdministrationRole: 'boolean', publisherAccountIds: 'string[]', publisherOrganizationId: 'string', services: 'object' };
const PUBLISHER_OPTION_SHAPES: PropsSpec = { receiverAccountId: required('string') };
const ORGANIZATION_OPTION_SHAPES: PropsSpec = { ...PUBLISHER_OPTION_SHAPES, organizationalUnitIds: required('string[]'), stackSetRegion: 'string', services: 'object' };

/** The shape of each option, by factory. */
const OPTION_SHAPES: { readonly [factory: string]: PropsSpec } = {
  receiverAndPublisher: RECEIVER_OPTION_SHAPES,
  receiver: RECEIVER_OPTION_SHAPES,
  publisher: PUBLISHER_OPTION_SHAPES,
  organizationPublisher: ORGANIZATION_OPTION_SHAPES,
};

/** The mode's options, once checked: what the construct reads. */
export interface Mode {
  readonly accountRole: SkyhighNrtAccountRole;
  /** The factory, as messages name it: `SkyhighNrtMode.receiver()`. */
  readonly factory: string;
  /** A receiver's options (undefined in a publisher stack). */
  readonly receiver?: SkyhighNrtReceiverOptions;
  /** A publisher's receiver account (undefined in a receiver stack). */
  readonly receiverAccountId?: string;
  /** An organization publisher's options. */
  readonly organization?: SkyhighNrtOrganizationPublisherOptions;
  /** The services of the rules this stack deploys. */
  readonly services?: AuditedServices;
}

/**
 * The mode, checked: made by a factory (not a look-alike object), with
 * options of the right shapes (a JavaScript or Python caller may pass
 * anything). Throws at once: nothing else can be read before.
 */
export function readMode(scope: Construct, given: SkyhighNrtMode): Mode {
  if (!SkyhighNrtMode.isSkyhighNrtMode(given)) {
    throwIfProblems(scope, [`mode must be made by a SkyhighNrtMode factory, got ${describeValue(given)}: use SkyhighNrtMode.receiverAndPublisher(), `
      + 'SkyhighNrtMode.receiver(), SkyhighNrtMode.publisher({ receiverAccountId }) or SkyhighNrtMode.organizationPublisher({ receiverAccountId, organizationalUnitIds })']);
  }
  const factory = `SkyhighNrtMode.${given._factory}()`;
  const shapes = OPTION_SHAPES[given._factory];
  throwIfProblems(scope, checkPropShapes(given._options, shapes, { prefix: 'mode.', what: `the options of ${factory}` }));
  const options = (given._options ?? {}) as { readonly [option: string]: unknown };
  // From JavaScript, an option of another kind of account would be ignored.
  throwIfProblems(scope, Object.keys(options).filter((o) => options[o] !== undefined && !(o in shapes))
    .map((o) => `mode.${o} is not an option of ${factory}, whose options are ${Object.keys(shapes).join(', ')}: remove it, or pick the mode it belongs to`));
  if (given.accountRole !== SkyhighNrtAccountRole.PUBLISHER) {
    const receiver = options as SkyhighNrtReceiverOptions;
    return { accountRole: given.accountRole, factory, receiver, services: receiver.services };
  }
  const organization = given._factory === 'organizationPublisher' ? options as unknown as SkyhighNrtOrganizationPublisherOptions : undefined;
  const receiverAccountId = (options as unknown as SkyhighNrtPublisherOptions).receiverAccountId;
  return { accountRole: given.accountRole, factory, receiverAccountId, organization, services: organization?.services };
}
