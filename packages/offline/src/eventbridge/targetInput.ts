import { renderInputTransformer, type TransformContext } from './inputTransformer';
import { compileJsonPath } from './jsonPath';
import type { EventBridgeEvent, Target } from './types';

/**
 * The text EventBridge sends to a target for one event: the constant `Input`, the part of the event selected
 * by `InputPath`, the rendering of `InputTransformer`, or else the whole event as JSON.
 *
 * @example
 * renderTargetInput({ Id: 't', Arn, InputPath: '$.detail' }, event, context); // '{"orderId":"o-1"}'
 */
export function renderTargetInput(target: Target, event: EventBridgeEvent, context: TransformContext): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) {
    const selected = compileJsonPath(target.InputPath).evaluate(event);
    return JSON.stringify(selected.found ? (selected.value ?? null) : null);
  }
  if (target.InputTransformer) return renderInputTransformer(target.InputTransformer, event, context);
  return JSON.stringify(event);
}
