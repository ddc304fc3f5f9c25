import { compileJsonPath } from './jsonPath';
import type { EventBridgeEvent, InputTransformer } from './types';

/** What a template's predefined `aws.events.*` variables stand for. */
export interface TransformContext {
  ruleArn: string;
  ruleName: string;
  /** When EventBridge received the event. */
  ingestionTime: Date;
}

/** Variable names EventBridge reserves; an `InputPathsMap` may not define them. */
export const PREDEFINED_VARIABLES = [
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event.ingestion-time',
  'aws.events.event',
  'aws.events.event.json',
] as const;

type Binding = { found: true; value: unknown } | { found: false };

const PLACEHOLDER = /^<([A-Za-z0-9_.-]+)>/;

/**
 * Renders an input transformer for one event, with AWS's quoting rules:
 * - a placeholder outside a JSON string is replaced by the JSON of its value (a string keeps its quotes);
 * - inside a JSON string it is replaced by the bare text: a string as is (EventBridge does not escape it),
 *   an object or array as its JSON with the inner quotes removed;
 * - `<aws.events.event>` (the event without `detail`) and `<aws.events.event.json>` (the whole event) are
 *   meant as JSON field values;
 * - a variable whose path matches nothing in the event is not created: it renders as `null` outside a
 *   string and as nothing inside one; `<text>` that names no variable is left as is.
 *
 * @example
 * renderInputTransformer(
 *   { InputPathsMap: { state: '$.detail.state' }, InputTemplate: '"state is <state>"' },
 *   event, { ruleArn, ruleName, ingestionTime },
 * ); // '"state is RUNNING"'
 */
export function renderInputTransformer(
  transformer: InputTransformer,
  event: EventBridgeEvent,
  context: TransformContext,
): string {
  const bindings = new Map<string, Binding>();
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) {
    const result = compileJsonPath(path).evaluate(event);
    bindings.set(name, result.found ? { found: true, value: result.value } : { found: false });
  }
  const { detail: _detail, ...eventWithoutDetail } = event;
  bindings.set('aws.events.rule-arn', { found: true, value: context.ruleArn });
  bindings.set('aws.events.rule-name', { found: true, value: context.ruleName });
  bindings.set('aws.events.event.ingestion-time', { found: true, value: isoSeconds(context.ingestionTime) });
  bindings.set('aws.events.event', { found: true, value: eventWithoutDetail });
  bindings.set('aws.events.event.json', { found: true, value: event });
  return renderTemplate(transformer.InputTemplate, bindings);
}

/** Substitutes `bindings` into `template`, tracking whether each placeholder sits inside a JSON string. */
export function renderTemplate(template: string, bindings: ReadonlyMap<string, Binding>): string {
  let output = '';
  let inString = false;
  let i = 0;
  while (i < template.length) {
    const char = template[i]!;
    if (inString && char === '\\') {
      output += template.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (char === '"') {
      inString = !inString;
      output += char;
      i += 1;
      continue;
    }
    if (char === '<') {
      const placeholder = PLACEHOLDER.exec(template.slice(i));
      const binding = placeholder ? bindings.get(placeholder[1]!) : undefined;
      if (placeholder && binding) {
        output += inString ? bareText(binding) : jsonText(binding);
        i += placeholder[0].length;
        continue;
      }
    }
    output += char;
    i += 1;
  }
  return output;
}

function jsonText(binding: Binding): string {
  return binding.found ? JSON.stringify(binding.value ?? null) : 'null';
}

function bareText(binding: Binding): string {
  if (!binding.found) return '';
  const { value } = binding;
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value).replaceAll('"', '');
  return String(value);
}

/** EventBridge's timestamps: ISO 8601 to the second, e.g. `2026-01-29T10:00:00Z`. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
