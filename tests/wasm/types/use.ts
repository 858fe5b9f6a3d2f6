// Compiled by tests/wasm/types.test.mjs with `tsc --strict` against the
// generated declarations: correct uses compile...
import init, { Checker, version, type Finding, type RuleInfo, type Clause, type PageStatementInfo } from '../../../www/pkg/postguard.js';

await init();
const plain = new Checker();
const city = new Checker({ mode: 'city', role: 'police', policy: { email_domains: ['ci.example.gov'], severity: { 'conduct.profanity': 'info' } } });
const findings: Finding[] = plain.check('text');
const again: Finding[] = city.check('text', { role: 'council' });
const comment: Finding[] = new Checker({ mode: 'moderation' }).check('a comment', { mode: 'moderation', context: 'the City post' });
const f = findings[0];
const n: number = f.start + f.end + f.byte_start + f.byte_end;
const cat: 'disclaimer' | 'city-email' | 'confidential' | 'official-position' | 'conduct' | 'political' | 'endorsement' | 'personal-views' | 'open-meeting'
  | 'page-statements' | 'moderation' | 'accuracy' = f.category;
const fixText: string = f.fixes[0].edits[0].replacement;
const rules: RuleInfo[] = plain.rules();
const clause: Clause | undefined = plain.clause('personal.disclaimer');
const v: string = version();
const missing: Finding[] = plain.checkPage('About us');
const statements: PageStatementInfo[] = plain.pageStatements();
const model: string = statements[0].model;
export { again, comment, n, cat, fixText, rules, clause, v, missing, model };
