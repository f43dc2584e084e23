import { buildCustomer } from './pkg/node.js';
const N = 3000;
function time(label, f) { const t = performance.now(); for (let i = 0; i < N; i++) f(i); console.log(label, ((performance.now() - t) / N * 1000).toFixed(1), 'us'); }
time('no phone, DE', () => buildCustomer({ name: 'a' }, { defaultCountry: 'DE' }));
time('no phone, ZW', () => buildCustomer({ name: 'a' }, { defaultCountry: 'ZW' }));
time('DE 030', () => buildCustomer({ phone: '030 1234567' }, { defaultCountry: 'DE' }));
time('FR 06', () => buildCustomer({ phone: '06 12 34 56 78' }, { defaultCountry: 'FR' }));
time('US', () => buildCustomer({ phone: '(415) 555-0123' }, { defaultCountry: 'US' }));
time('GB +44', () => buildCustomer({ phone: '+44 20 7946 0018' }, { defaultCountry: 'GB' }));
