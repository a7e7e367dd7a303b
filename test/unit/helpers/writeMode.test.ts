import { readWriteMode } from '../../../nodes/HubSpotGoalTargets/helpers/writeMode';

describe('readWriteMode', () => {
	it('is Write All when the option is left out, cleared or empty', () => {
		for (const options of [undefined, {}, { writeMode: null }, { writeMode: '' }]) {
			expect(readWriteMode(options)).toEqual({ ok: true, writeMode: 'all' });
		}
	});

	it('takes the three values, also as an expression gives them (spaces, capitals)', () => {
		expect(readWriteMode({ writeMode: 'changed' })).toEqual({ ok: true, writeMode: 'changed' });
		expect(readWriteMode({ writeMode: 'preview' })).toEqual({ ok: true, writeMode: 'preview' });
		expect(readWriteMode({ writeMode: ' Preview ' })).toEqual({ ok: true, writeMode: 'preview' });
		expect(readWriteMode({ writeMode: 'all' })).toEqual({ ok: true, writeMode: 'all' });
	});

	it('refuses anything else, naming the option and its values', () => {
		expect(readWriteMode({ writeMode: 'dry run' })).toEqual({
			ok: false,
			message:
				"Option 'Write Mode' (writeMode) must be one of all, changed, preview (Write All, Write Changes Only, Preview, Write Nothing), not 'dry run'",
		});
		expect(readWriteMode({ writeMode: true })).toMatchObject({ ok: false });
		expect(readWriteMode({ writeMode: ['changed'] })).toMatchObject({
			ok: false,
			message: expect.stringContaining('not an array'),
		});
	});
});
