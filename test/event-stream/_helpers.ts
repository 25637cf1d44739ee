import { arnOf, isAllowed, resourcePolicy } from '../harness';

/**
 * Whether EventBridge, acting for the rule `sourceArn`, may send to the
 * queue `queueId` of the resolved template `t`, by its queue policy alone
 * (the confused-deputy check of every rule target and dead-letter queue).
 */
export async function eventBridgeMaySend(t: any, queueId: string, sourceArn: string): Promise<boolean> {
  return isAllowed({
    principal: 'events.amazonaws.com',
    action: 'sqs:SendMessage',
    resource: arnOf(t, queueId),
    resourcePolicy: resourcePolicy(t, queueId),
    context: { 'aws:SourceArn': sourceArn },
  });
}
