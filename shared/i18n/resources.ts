import enAccount from './locales/en/account.json';
import enApprovals from './locales/en/approvals.json';
import enBoard from './locales/en/board.json';
import enCalculators from './locales/en/calculators.json';
import enCis from './locales/en/cis.json';
import enCollections from './locales/en/collections.json';
import enCommon from './locales/en/common.json';
import enCounter from './locales/en/counter.json';
import enErrors from './locales/en/errors.json';
import enFlows from './locales/en/flows.json';
import enFollowUp from './locales/en/followUp.json';
import enPayments from './locales/en/payments.json';
import enRates from './locales/en/rates.json';
import enSoftphone from './locales/en/softphone.json';
import enUsers from './locales/en/users.json';
import esAccount from './locales/es/account.json';
import esApprovals from './locales/es/approvals.json';
import esBoard from './locales/es/board.json';
import esCalculators from './locales/es/calculators.json';
import esCis from './locales/es/cis.json';
import esCollections from './locales/es/collections.json';
import esCommon from './locales/es/common.json';
import esCounter from './locales/es/counter.json';
import esErrors from './locales/es/errors.json';
import esFlows from './locales/es/flows.json';
import esFollowUp from './locales/es/followUp.json';
import esPayments from './locales/es/payments.json';
import esRates from './locales/es/rates.json';
import esSoftphone from './locales/es/softphone.json';
import esUsers from './locales/es/users.json';

/**
 * Every namespace in both languages. A feature adds its namespace here, in both columns;
 * tests/shared/i18n fails on a key present in one language only.
 */
export const resources = {
  en: {
    common: enCommon,
    errors: enErrors,
    rates: enRates,
    collections: enCollections,
    cis: enCis,
    account: enAccount,
    calculators: enCalculators,
    approvals: enApprovals,
    softphone: enSoftphone,
    flows: enFlows,
    board: enBoard,
    payments: enPayments,
    counter: enCounter,
    users: enUsers,
    followUp: enFollowUp,
  },
  es: {
    common: esCommon,
    errors: esErrors,
    rates: esRates,
    collections: esCollections,
    cis: esCis,
    account: esAccount,
    calculators: esCalculators,
    approvals: esApprovals,
    softphone: esSoftphone,
    flows: esFlows,
    board: esBoard,
    payments: esPayments,
    counter: esCounter,
    users: esUsers,
    followUp: esFollowUp,
  },
} as const;

export const supportedLocales = ['en', 'es'] as const;
export type SupportedLocale = (typeof supportedLocales)[number];
export const namespaces = Object.keys(resources.en) as (keyof (typeof resources)['en'])[];
export const defaultNamespace = 'common';
