/**
 * OpenAPI contract: every kind of body the sandbox sends validates against HubSpot's published schemas
 * (shared/hubspot/openapi/*.json), and every status it sends is declared by the operation (or its `default`).
 */
import { FaultKind, Sandbox, startSandbox } from '../../sandbox';
import { declaredResponses, expectOpenApi, validateAgainstOpenApi } from '../helpers/openapi';
import { UPSERT_PATH, call, key, upsert } from './helpers';

const GT = '/crm/v3/objects/goal_targets';
const UPSERT_OP = '/crm/v3/objects/goal_targets/batch/upsert';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ rateLimit: false });
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.configure({ rateLimit: false, dailyLimit: 500_000, faults: undefined });
  sb.reset();
});

/** The schema a response with this status must match: the declared one, else the operation's default. */
function schemaFor(file: 'goal-targets' | 'properties' | 'oauth', apiPath: string, method: string, status: number, ok: string): string {
  const declared = declaredResponses(file, apiPath, method);
  if (declared.includes(String(status))) return `${file}:${ok}`;
  expect(declared).toContain('default');
  return `${file}:Error`;
}

describe('upsert responses', () => {
  test('200 BatchResponseSimplePublicUpsertObject (create and update)', async () => {
    const created = await upsert(sb, [key('c-1', { hs_goal_name: 'A', hs_target_amount: '5' }, 't-1'), key('c-2', { goal_is_stretch: 'true' })]);
    expect(created.status).toBe(200);
    expectOpenApi(schemaFor('goal-targets', UPSERT_OP, 'post', 200, 'BatchResponseSimplePublicUpsertObject'), created.body);
    const updated = await upsert(sb, [key('c-1', { hs_target_amount: '6' })]);
    expectOpenApi('BatchResponseSimplePublicUpsertObject', updated.body);
  });

  test('207 ...WithErrors, with some and with zero results; each error is a StandardError', async () => {
    const mixed = await upsert<{ errors: unknown[] }>(sb, [key('m-1'), key('m-2', { hs_milestone: 'weekly' }, 't-2'), key('m-3', { hs_kpi_value: '1' })]);
    expect(mixed.status).toBe(207);
    expectOpenApi(schemaFor('goal-targets', UPSERT_OP, 'post', 207, 'BatchResponseSimplePublicUpsertObjectWithErrors'), mixed.body);
    for (const e of mixed.body.errors) expectOpenApi('StandardError', e);
    await upsert(sb, [key('dup', { goal_sync_id: 'S' })]);
    const none = await upsert(sb, [key('n-1', { hs_target_amount: 'x' }), key('n-2', { goal_sync_id: 'S' })]);
    expect(none.status).toBe(207);
    expectOpenApi('BatchResponseSimplePublicUpsertObjectWithErrors', none.body);
  });

  const fourHundreds: Array<[string, () => Promise<{ status: number; body: unknown }>, number]> = [
    ['400 not JSON', () => call(sb, 'POST', UPSERT_PATH, { rawBody: 'nope' }), 400],
    ['400 no inputs', () => call(sb, 'POST', UPSERT_PATH, { body: {} }), 400],
    ['400 > 100 inputs', () => upsert(sb, Array.from({ length: 101 }, (_, i) => key(`k${i}`))), 400],
    ['400 duplicate ids', () => upsert(sb, [key('a'), key('a')]), 400],
    ['400 non-unique idProperty', () => upsert(sb, [{ id: 'a', idProperty: 'hs_goal_name', properties: {} }]), 400],
    ['400 property does not exist', () => upsert(sb, [key('a', { nope: '1' })]), 400],
    ['401 no token', () => upsert(sb, [key('a')], null), 401],
    ['403 missing scopes', () => upsert(sb, [key('a')], sb.tokens.readOnly), 403],
  ];
  test.each(fourHundreds)('%s matches Error', async (_n, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expectOpenApi(schemaFor('goal-targets', UPSERT_OP, 'post', status, 'never'), res.body);
  });

  test('429 TEN_SECONDLY_ROLLING and DAILY match Error', async () => {
    sb.configure({ rateLimit: { max: 1, intervalMs: 10_000 } });
    await upsert(sb, [key('a')]);
    const burst = await upsert(sb, [key('b')]);
    expect(burst.status).toBe(429);
    expectOpenApi(schemaFor('goal-targets', UPSERT_OP, 'post', 429, 'never'), burst.body);
    sb.reset();
    sb.configure({ rateLimit: false, dailyLimit: 0 });
    const daily = await upsert(sb, [key('c')]);
    expect(daily.status).toBe(429);
    expectOpenApi('Error', daily.body);
  });

  test.each(['status500', 'status503', 'status423', 'status477', 'rateLimit429'] as FaultKind[])('fault %s JSON body matches Error', async (kind) => {
    sb.configure({ faults: { rate: 1, kinds: [kind] } });
    const res = await upsert(sb, [key('f')]);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expectOpenApi(schemaFor('goal-targets', UPSERT_OP, 'post', res.status, 'never'), res.body);
  });
});

describe('read responses', () => {
  test('list (with paging) and single object', async () => {
    await upsert(sb, [key('l-1', { hs_goal_name: 'A' }), key('l-2'), key('l-3')]);
    const page = await call<{ results: Array<{ id: string }> }>(sb, 'GET', `${GT}?limit=2&properties=hs_goal_name`);
    expect(page.body).toHaveProperty('paging.next.after');
    expectOpenApi(schemaFor('goal-targets', GT, 'get', 200, 'CollectionResponseSimplePublicObjectWithAssociationsForwardPaging'), page.body);
    const one = await call(sb, 'GET', `${GT}/${page.body.results[0].id}`);
    expectOpenApi(schemaFor('goal-targets', `${GT}/{goalTargetId}`, 'get', 200, 'SimplePublicObjectWithAssociations'), one.body);
    const missing = await call(sb, 'GET', `${GT}/1`);
    expectOpenApi(schemaFor('goal-targets', `${GT}/{goalTargetId}`, 'get', 404, 'never'), missing.body);
    const badLimit = await call(sb, 'GET', `${GT}?limit=500`);
    expectOpenApi(schemaFor('goal-targets', GT, 'get', 400, 'never'), badLimit.body);
    expectOpenApi('goal-targets:Error', (await call(sb, 'GET', '/crm/v3/nothing')).body);
  });

  test('properties list (plain, archived, paged) and one property', async () => {
    const P = '/crm/v3/properties/{objectType}';
    for (const q of ['', '?archived=true', '?limit=4&after=4']) {
      const res = await call<{ results: unknown[] }>(sb, 'GET', `/crm/v3/properties/goal_targets${q}`);
      expectOpenApi(schemaFor('properties', P, 'get', 200, 'CollectionResponsePropertyNoPaging'), res.body);
      for (const p of res.body.results) expectOpenApi('properties:Property', p);
    }
    const one = await call(sb, 'GET', '/crm/v3/properties/goal_targets/hs_milestone');
    expectOpenApi(schemaFor('properties', `${P}/{propertyName}`, 'get', 200, 'Property'), one.body);
    const missing = await call(sb, 'GET', '/crm/v3/properties/goal_targets/nope');
    expectOpenApi(schemaFor('properties', `${P}/{propertyName}`, 'get', 404, 'never'), missing.body);
  });
});

describe('oauth responses', () => {
  const form = (f: Record<string, string>) => ({
    rawBody: new URLSearchParams(f).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    token: null,
  });

  test('token 200 matches TokenResponseIF (AccessTokenResponse); errors match Error', async () => {
    const ok = await call(sb, 'POST', '/oauth/v1/token', form({ grant_type: 'refresh_token', client_id: sb.oauth.clientId, client_secret: sb.oauth.clientSecret, refresh_token: sb.oauth.refreshToken }));
    expect(ok.status).toBe(200);
    expectOpenApi(schemaFor('oauth', '/oauth/v1/token', 'post', 200, 'TokenResponseIF'), ok.body);
    expectOpenApi('oauth:AccessTokenResponse', ok.body);
    const bad = await call(sb, 'POST', '/oauth/v1/token', form({ grant_type: 'refresh_token', client_id: 'x' }));
    expect(bad.status).toBe(400);
    expectOpenApi(schemaFor('oauth', '/oauth/v1/token', 'post', 400, 'never'), bad.body);
  });
});

describe('request bodies the node sends', () => {
  test('BatchInputSimplePublicObjectBatchInputUpsert accepts a proper body and rejects wrong shapes', () => {
    const good = {
      inputs: [
        { id: 'k-1', idProperty: 'external_goal_key', objectWriteTraceId: 'row-1', properties: { hs_goal_name: 'A', hs_target_amount: '10' } },
      ],
    };
    expect(validateAgainstOpenApi('BatchInputSimplePublicObjectBatchInputUpsert', good)).toEqual({ valid: true, errors: [], schema: 'goal-targets:BatchInputSimplePublicObjectBatchInputUpsert' });
    const numberValue = { inputs: [{ id: 'k', properties: { hs_target_amount: 10 } }] };
    const r1 = validateAgainstOpenApi('BatchInputSimplePublicObjectBatchInputUpsert', numberValue);
    expect(r1.valid).toBe(false);
    expect(r1.errors.join()).toMatch(/must be string/);
    expect(validateAgainstOpenApi('BatchInputSimplePublicObjectBatchInputUpsert', { inputs: [{ id: 'k' }] }).valid).toBe(false);
    expect(validateAgainstOpenApi('BatchInputSimplePublicObjectBatchInputUpsert', {}).valid).toBe(false);
    expect(() => validateAgainstOpenApi('NoSuchSchema', {})).toThrow(/No schema/);
  });

  test('the validator is not vacuous: broken response bodies fail', () => {
    expect(validateAgainstOpenApi('BatchResponseSimplePublicUpsertObject', { status: 'DONE', results: [], startedAt: 'x', completedAt: 'y' }).valid).toBe(false);
    expect(validateAgainstOpenApi('Error', { message: 'm', category: 'C', correlationId: 'not-a-uuid' }).valid).toBe(false);
    expect(validateAgainstOpenApi('StandardError', { status: 'error', category: 'C', message: 'm' }).valid).toBe(false);
    expect(validateAgainstOpenApi('oauth:TokenResponseIF', { access_token: 'a', expires_in: 1, token_type: 'bearer' }).valid).toBe(false);
  });
});
