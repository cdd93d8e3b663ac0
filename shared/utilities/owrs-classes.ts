/** The OWRS files' customer classes by the names Tapline bills them under (both Californian water utilities' files use these). */
export const OWRS_CLASSES = {
  residential: 'RESIDENTIAL_SINGLE',
  'residential-multi': 'RESIDENTIAL_MULTI',
  commercial: 'COMMERCIAL',
  irrigation: 'IRRIGATION',
};
