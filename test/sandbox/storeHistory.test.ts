/**
 * The store's property history (propertiesWithHistory): every write of a property, newest first, at most
 * 20 per property, whatever the other properties' writes did meanwhile.
 */
import { GoalTargetStore, SANDBOX_USER_ID } from '../../sandbox/store';

const values = (store: GoalTargetStore, id: string, name: string) =>
	store.historyOf(id, name).map((h) => h.value);

test('each property keeps its own last 20 values, newest first, with stamp and source', () => {
	const store = new GoalTargetStore();
	const { id } = store.create({ hs_goal_name: 'name 0', hs_target_amount: '100' });
	for (let i = 1; i <= 30; i++) store.update(id, { hs_goal_name: `name ${i}` });
	expect(values(store, id, 'hs_goal_name')).toEqual(
		Array.from({ length: 20 }, (_, k) => `name ${30 - k}`),
	);
	// written once, 30 writes of another property ago
	expect(values(store, id, 'hs_target_amount')).toEqual(['100']);
	expect(values(store, id, 'hs_created_by_user_id')).toEqual([SANDBOX_USER_ID]);
	expect(values(store, id, 'hs_lastmodifieddate')).toHaveLength(20);
	expect(values(store, id, 'hs_milestone')).toEqual([]);
	const [newest, before] = store.historyOf(id, 'hs_goal_name');
	expect(newest).toEqual({
		value: 'name 30',
		timestamp: store.get(id)!.updatedAt,
		sourceType: 'API',
		updatedByUserId: Number(SANDBOX_USER_ID),
	});
	expect(Date.parse(newest.timestamp)).toBeGreaterThan(Date.parse(before.timestamp));
});

test('a cleared value is in the history as an empty string; entries handed out are copies', () => {
	const store = new GoalTargetStore();
	const { id } = store.create({ hs_goal_name: 'A', hs_milestone: 'monthly' });
	store.update(id, { hs_milestone: '' });
	expect(values(store, id, 'hs_milestone')).toEqual(['', 'monthly']);
	store.historyOf(id, 'hs_goal_name')[0].value = 'changed';
	expect(values(store, id, 'hs_goal_name')).toEqual(['A']);
	expect(store.historyOf('999', 'hs_goal_name')).toEqual([]);
});

test('many writes of interleaved properties: every property still has exactly its last 20', () => {
	const store = new GoalTargetStore();
	const { id } = store.create({ hs_goal_name: 'n', hs_target_amount: '0' });
	const written: Record<string, string[]> = { hs_goal_name: ['n'], hs_target_amount: ['0'] };
	for (let i = 1; i <= 500; i++) {
		// the amount every write, the name every 7th, the milestone twice
		const change: Record<string, string> = { hs_target_amount: String(i) };
		if (i % 7 === 0) change.hs_goal_name = `n${i}`;
		if (i === 3 || i === 250) change.hs_milestone = i === 3 ? 'monthly' : 'quarterly';
		store.update(id, change);
		for (const [name, value] of Object.entries(change)) (written[name] ??= []).push(value);
	}
	for (const name of ['hs_goal_name', 'hs_target_amount', 'hs_milestone'])
		expect(values(store, id, name)).toEqual(written[name].slice(-20).reverse());
});

test('clear() forgets the history', () => {
	const store = new GoalTargetStore();
	const { id } = store.create({ hs_goal_name: 'A' });
	store.clear();
	expect(store.historyOf(id, 'hs_goal_name')).toEqual([]);
});
