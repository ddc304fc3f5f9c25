import { archiveArn } from '../arns';
import { compileOrThrow } from '../compiledPattern';
import { ResourceAlreadyExistsError, ValidationError } from '../errors';
import { paginate } from '../pagination';
import { archiveOf, busByArn, type RegionState } from '../regionState';
import { archiveShape, byName, epochSeconds, optionalField, type Output } from '../shapes';
import type { Archive } from '../types';
import {
  NAME_PATTERNS,
  oneFilterAtMost,
  optionalNumber,
  optionalString,
  requiredString,
  stateFilter,
  type Input,
} from '../validation';

const ARCHIVE_STATES = ['ENABLED', 'DISABLED', 'CREATING', 'UPDATING', 'CREATE_FAILED', 'UPDATE_FAILED'];

export function createArchive(state: RegionState, input: Input): Output {
  const name = requiredString(input, 'ArchiveName', { max: 48, pattern: NAME_PATTERNS.archive });
  const eventSourceArn = requiredString(input, 'EventSourceArn', { max: 1600 });
  const bus = busByArn(state, eventSourceArn);
  const eventPattern = optionalString(input, 'EventPattern', { max: 4096 });
  const retentionDays = optionalNumber(input, 'RetentionDays') ?? 0;
  if (!Number.isInteger(retentionDays) || retentionDays < 0)
    throw new ValidationError('Parameter RetentionDays is not valid. Reason: RetentionDays must be 0 or more.');
  const matches = eventPattern ? compileOrThrow(eventPattern) : () => true;
  if (state.archives.has(name)) throw new ResourceAlreadyExistsError(`Archive ${name} already exists.`);
  const archive: Archive = {
    name,
    arn: archiveArn(state.scope, name),
    eventSourceArn: bus.arn,
    matches,
    retentionDays,
    state: 'ENABLED',
    creationTime: new Date(),
    events: [],
    sizeBytes: 0,
    ...(eventPattern ? { eventPattern } : {}),
    ...optionalField('description', optionalString(input, 'Description', { max: 512 })),
  };
  state.archives.set(name, archive);
  return { ArchiveArn: archive.arn, State: archive.state, CreationTime: epochSeconds(archive.creationTime) };
}

export function describeArchive(state: RegionState, input: Input): Output {
  const archive = archiveOf(state, input);
  return {
    ArchiveArn: archive.arn,
    ...archiveShape(archive),
    ...(archive.description ? { Description: archive.description } : {}),
    ...(archive.eventPattern ? { EventPattern: archive.eventPattern } : {}),
  };
}

export function listArchives(state: RegionState, input: Input): Output {
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const source = optionalString(input, 'EventSourceArn');
  oneFilterAtMost(input, 'ListArchives');
  const archiveState = stateFilter(input, ARCHIVE_STATES);
  const archives = [...state.archives.values()]
    .filter((a) => a.name.startsWith(prefix) && (!source || a.eventSourceArn === source))
    .filter((a) => !archiveState || a.state === archiveState)
    .sort(byName);
  const { page, nextToken } = paginate(archives, optionalNumber(input, 'Limit'), optionalString(input, 'NextToken'));
  return { Archives: page.map(archiveShape), ...(nextToken ? { NextToken: nextToken } : {}) };
}

export function updateArchive(state: RegionState, input: Input): Output {
  const archive = archiveOf(state, input);
  const eventPattern = optionalString(input, 'EventPattern', { max: 4096 });
  if (eventPattern !== undefined) {
    archive.matches = compileOrThrow(eventPattern);
    archive.eventPattern = eventPattern;
  }
  const description = optionalString(input, 'Description', { max: 512 });
  if (description !== undefined) archive.description = description;
  const retentionDays = optionalNumber(input, 'RetentionDays');
  if (retentionDays !== undefined) archive.retentionDays = retentionDays;
  return { ArchiveArn: archive.arn, State: archive.state, CreationTime: epochSeconds(archive.creationTime) };
}

export function deleteArchive(state: RegionState, input: Input): Output {
  const archive = archiveOf(state, input);
  state.archives.delete(archive.name);
  return {};
}
