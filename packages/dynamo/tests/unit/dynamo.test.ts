import importPackage from 'dynamoose/dist/utils/importPackage';
import { dynamoose, DYNAMOOSE_LOGGER_MODULE } from '../../src';

describe('@mesh/dynamo', () => {
  it('is the one dynamoose of the process: models and the DynamoDB client a test sets are shared', async () => {
    const direct = await import('dynamoose');
    expect(dynamoose.model).toBe(direct.model);
    expect(dynamoose.aws).toBe(direct.aws);
  });

  it('has dynamoose give up on its logger package at once instead of requiring it on every call', async () => {
    // dynamoose's own answer for a package it was told is missing; a `require` attempt would fail with
    // MODULE_NOT_FOUND ("Cannot find module …") instead.
    await expect(importPackage(DYNAMOOSE_LOGGER_MODULE)).rejects.toThrow(/^Package can not be found\.$/);
  });
});
