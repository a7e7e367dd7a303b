/** The single-record calls: POST (create), GET, PATCH (update), DELETE (archive) on every version. */
import { PublicObjectLike, VERSIONS, call, objectsPath } from '../../testkit/sandboxCalls';
import { useSandbox } from '../../testkit/sandboxFixture';

const sb = useSandbox({ rateLimit: false });

describe.each(VERSIONS)('single-record calls on %s', (version) => {
	test('create 201, get 200, update 200 (also by idProperty), delete 204, then get 404', async () => {
		const created = await call<PublicObjectLike>(sb, 'POST', objectsPath(version), {
			body: {
				properties: { hs_goal_name: 'Solo', external_goal_key: `solo-${version}` },
				associations: [],
			},
		});
		expect(created.status).toBe(201);
		const id = created.body.id;
		expect(created.body).toMatchObject({
			archived: false,
			properties: { hs_goal_name: 'Solo', hs_object_id: id },
		});
		expect(created.body.objectWriteTraceId).toBeUndefined();

		const got = await call<PublicObjectLike>(
			sb,
			'GET',
			objectsPath(version, `/${id}?properties=hs_goal_name`),
		);
		expect(got.status).toBe(200);
		expect(got.body.properties.hs_goal_name).toBe('Solo');

		const patched = await call<PublicObjectLike>(sb, 'PATCH', objectsPath(version, `/${id}`), {
			body: { properties: { hs_target_amount: '7' } },
		});
		expect(patched.status).toBe(200);
		expect(patched.body.properties.hs_target_amount).toBe('7');
		const byKey = await call<PublicObjectLike>(
			sb,
			'PATCH',
			objectsPath(version, `/solo-${version}?idProperty=external_goal_key`),
			{ body: { properties: { hs_target_amount: '8' } } },
		);
		expect(byKey.body.id).toBe(id);

		const deleted = await call(sb, 'DELETE', objectsPath(version, `/${id}`));
		expect(deleted.status).toBe(204);
		expect(deleted.text).toBe('');
		expect((await call(sb, 'GET', objectsPath(version, `/${id}`))).status).toBe(404);
		expect((await call(sb, 'DELETE', objectsPath(version, `/${id}`))).status).toBe(204);
	});

	test('errors: invalid value 400, unknown id 404, taken unique value 409', async () => {
		const bad = await call<{ category: string }>(sb, 'POST', objectsPath(version), {
			body: { properties: { hs_target_amount: 'x' } },
		});
		expect(bad.status).toBe(400);
		expect(bad.body.category).toBe('VALIDATION_ERROR');
		const missing = await call<{ category: string }>(sb, 'PATCH', objectsPath(version, '/777'), {
			body: { properties: { hs_goal_name: 'x' } },
		});
		expect(missing.status).toBe(404);
		expect(missing.body.category).toBe('OBJECT_NOT_FOUND');
		await call(sb, 'POST', objectsPath(version), {
			body: { properties: { goal_sync_id: `dup-${version}` } },
		});
		const dup = await call<{ category: string }>(sb, 'POST', objectsPath(version), {
			body: { properties: { goal_sync_id: `dup-${version}` } },
		});
		expect(dup.status).toBe(409);
		expect(dup.body.category).toBe('CONFLICT');
	});
});
