import { computeBill, getUtilityProfile, quickBillInput } from '../../shared/rates';
import { compileNative } from '../../shared/rates/native-compiled';
const id = process.argv[2] ?? 'philadelphia-water-pa';
const p = getUtilityProfile(id)! as any;
const mk = (i: number): any => id === 'philadelphia-water-pa' ? { meterSize: '5/8', usage: (i % 400) / 100 } : { usage: i % 900, season: 'summer', heating: 'gas' };
const fast = compileNative(p);
for (let i = 0; i < 2000; i++) { try { fast(quickBillInput(mk(i))!) } catch (e) { console.log('fail', i, e); break } }
for (let k = 0; k < 3; k++) {
let t = performance.now();
for (let i = 0; i < 100000; i++) computeBill(p, mk(i));
console.log('computeBill', Math.round(100000 / (performance.now() - t) * 1000));
t = performance.now();
for (let i = 0; i < 100000; i++) fast(quickBillInput(mk(i))!);
console.log('fast', Math.round(100000 / (performance.now() - t) * 1000));
}
