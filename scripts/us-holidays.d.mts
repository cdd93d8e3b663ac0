/** Types of us-holidays.mjs, for the test that keeps the committed file in step. */
export const target: string;
export const command: string;
export function usHolidays(world?: object): object;
export function usHolidaysJson(world?: object): string;
