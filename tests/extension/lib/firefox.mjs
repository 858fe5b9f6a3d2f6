export async function firefoxSmoke({ record }) { record('firefox', 'smoke test', null, 'not written yet'); }
