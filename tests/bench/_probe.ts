import { billInput, getUtilityProfile } from '../../shared/rates';
import { compileNative } from '../../shared/rates/native-compiled';
const p = getUtilityProfile('philadelphia-water-pa')! as any;
const fast = compileNative(p);
const inputs = Array.from({ length: 20000 }, (_, i) => billInput.parse({ meterSize: '5/8', usage: (i % 400) / 100 }));
let fails = 0;
for (const x of inputs) { try { fast(x) } catch (e) { fails++; if (fails < 3) console.log(e) } }
let t = performance.now();
for (let r = 0; r < 5; r++) for (const x of inputs) fast(x);
console.log('fast', Math.round(100000 / (performance.now() - t) * 1000), 'fails', fails);
t = performance.now();
for (let r = 0; r < 5; r++) for (let i = 0; i < 20000; i++) billInput.safeParse({ meterSize: '5/8', usage: (i % 400) / 100 });
console.log('zod', Math.round(100000 / (performance.now() - t) * 1000));
