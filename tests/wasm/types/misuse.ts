// ...and each misuse below must be a type error (the test counts them).
import { Checker } from '../../../www/pkg/postguard.js';

new Checker({ mode: 'work' });
new Checker({ role: 'mayor' });
new Checker({ policy: { email_domain: ['x.gov'] } });
new Checker().check(42);
new Checker().check('x', { mode: 'official' });
new Checker().check('x', { mode: 'moderation', context: 42 });
const s: string = new Checker().check('x')[0].start;
new Checker().checkPage(42);
export { s };
