import type { UtilityProfileInput } from '../../rates/schema';

const ILLUSTRATIVE = {
  title:
    'ILLUSTRATIVE water rates (not Portland Water District tariff): sized to the published typical household bill of about $32 a month (January 2026, +6.8%)',
};
const PORTLAND_SEWER = {
  title: 'City of Portland (Maine) wastewater rate, $8.20 per HCF (2017)',
  published: '2017',
};
const PORTLAND_STORM = {
  title:
    'City of Portland (Maine) stormwater / impervious area fee, $6 per month per 1,200 sq ft (2017)',
  published: '2017',
};
const CAPE_SEWER = {
  title:
    'Town of Cape Elizabeth sewer rate: $37.70 minimum for the first 100 cu ft, $4.95 per additional 100 cu ft (2012)',
  published: '2012',
};

const notGathered = 'rate not gathered; load it from the town\u2019s current tariff';

/**
 * Portland Water District (Maine). Water rates are the District's, uniform across its towns;
 * wastewater and stormwater are set by each town and billed by PWD. The District's current water
 * tariff was not found: the water numbers here are ILLUSTRATIVE, labelled as such everywhere.
 */
export const portlandWater: UtilityProfileInput = {
  kind: 'native',
  id: 'portland-water-me',
  name: 'Portland Water District',
  state: 'ME',
  service: 'water',
  effective: '2026-01-01',
  illustrative: true,
  sources: [ILLUSTRATIVE, PORTLAND_SEWER, PORTLAND_STORM, CAPE_SEWER],
  notes: [
    'ILLUSTRATIVE: PWD\u2019s current water rate table (customer charge by meter size, volume charge per HCF) was not found. The water numbers are made up to land a typical household (5/8" meter, 5 HCF a month) at $32.00 a month, the published typical bill after the January 2026 increase. Load the District\u2019s tariff before production use.',
    'Wastewater: Portland $8.20/HCF (2017) and Cape Elizabeth ($37.70 minimum covering the first 100 cu ft, then $4.95 per 100 cu ft, 2012) were found; the other towns\u2019 rates were not gathered, and their bills say so instead of inventing a charge.',
    'Stormwater: Portland\u2019s impervious-area fee of $6 per month per whole 1,200 sq ft (2017; a later undated source says $7: the dated $6 is used). The published example (20,000 + 29,500 sq ft of impervious area billed $246 a month) is one account\u2019s total area: 49,500 sq ft \u00f7 1,200 = 41.25, the fraction dropped, 41 units \u00d7 $6 = $246. Counting each area apart (16 + 24 units) would give $240, so the fee counts whole units of the account\u2019s whole impervious area.',
    'Late charge (interest at the State Treasurer\u2019s rate 25 days after the postmark) belongs to the collection policy, not to the bill.',
  ],
  billFrequency: 'monthly',
  unit: 'hcf',
  rounding: { mode: 'half-up', scope: 'line' },
  classes: ['residential', 'commercial'],
  meterSizes: ['5/8', '3/4', '1', '1 1/2', '2', '3', '4', '6'],
  periodDays: { normalMin: 27, normalMax: 33, standard: 30 },
  municipalities: [
    {
      name: 'Portland',
      wastewater: { method: 'volumetric', rate: '8.20' },
      wastewaterSource: PORTLAND_SEWER,
      wastewaterEffective: '2017-01-01',
      stormwater: { method: 'impervious-units', rate: '6.00', unitSqft: 1200 },
      stormwaterSource: PORTLAND_STORM,
      stormwaterEffective: '2017-01-01',
    },
    {
      name: 'Cape Elizabeth',
      wastewater: { method: 'minimum-plus', minimum: '37.70', includedUnits: 1, rate: '4.95' },
      wastewaterSource: CAPE_SEWER,
      wastewaterEffective: '2012-01-01',
      stormwater: null,
      note: `stormwater: ${notGathered}`,
    },
    ...[
      'South Portland',
      'Westbrook',
      'Gorham',
      'Falmouth',
      'Cumberland',
      'Scarborough',
      'Windham',
      'Raymond',
      'Standish',
    ].map((name) => ({ name, wastewater: null, stormwater: null, note: notGathered })),
  ],
  schedules: [
    {
      effective: '2026-01-01',
      source: ILLUSTRATIVE,
      charges: [
        {
          kind: 'fixed',
          code: 'CUST',
          descriptionKey: 'lines.customerChargeIllustrative',
          byMeterSize: {
            '5/8': '14.00',
            '3/4': '18.00',
            '1': '28.00',
            '1 1/2': '50.00',
            '2': '80.00',
            '3': '150.00',
            '4': '250.00',
            '6': '500.00',
          },
        },
        {
          kind: 'volumetric',
          code: 'WATER',
          descriptionKey: 'lines.waterIllustrative',
          rates: ['3.60'],
          limits: [{ upTo: [null] }],
        },
        { kind: 'wastewater', code: 'SEWER', descriptionKey: 'lines.wastewaterTown' },
        { kind: 'stormwater', code: 'STORM', descriptionKey: 'lines.stormwaterImpervious' },
      ],
    },
  ],
};
