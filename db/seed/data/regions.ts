// French regions (INSEE region codes, 2016 map), overseas regions included.
// `country` is kept so that a European country/region can be added later.

export type RegionSeed = {
  code: string;
  slug: string;
  name: string;
  nameEn: string;
  overseas: boolean;
  country: 'FR';
};

export const regions: RegionSeed[] = [
  { code: '84', slug: 'auvergne-rhone-alpes', name: 'Auvergne-Rhône-Alpes', nameEn: 'Auvergne-Rhône-Alpes', overseas: false, country: 'FR' },
  { code: '27', slug: 'bourgogne-franche-comte', name: 'Bourgogne-Franche-Comté', nameEn: 'Burgundy-Franche-Comté', overseas: false, country: 'FR' },
  { code: '53', slug: 'bretagne', name: 'Bretagne', nameEn: 'Brittany', overseas: false, country: 'FR' },
  { code: '24', slug: 'centre-val-de-loire', name: 'Centre-Val de Loire', nameEn: 'Centre-Loire Valley', overseas: false, country: 'FR' },
  { code: '94', slug: 'corse', name: 'Corse', nameEn: 'Corsica', overseas: false, country: 'FR' },
  { code: '44', slug: 'grand-est', name: 'Grand Est', nameEn: 'Grand Est', overseas: false, country: 'FR' },
  { code: '32', slug: 'hauts-de-france', name: 'Hauts-de-France', nameEn: 'Hauts-de-France', overseas: false, country: 'FR' },
  { code: '11', slug: 'ile-de-france', name: 'Île-de-France', nameEn: 'Île-de-France (Paris Region)', overseas: false, country: 'FR' },
  { code: '28', slug: 'normandie', name: 'Normandie', nameEn: 'Normandy', overseas: false, country: 'FR' },
  { code: '75', slug: 'nouvelle-aquitaine', name: 'Nouvelle-Aquitaine', nameEn: 'Nouvelle-Aquitaine', overseas: false, country: 'FR' },
  { code: '76', slug: 'occitanie', name: 'Occitanie', nameEn: 'Occitania', overseas: false, country: 'FR' },
  { code: '52', slug: 'pays-de-la-loire', name: 'Pays de la Loire', nameEn: 'Pays de la Loire', overseas: false, country: 'FR' },
  { code: '93', slug: 'provence-alpes-cote-d-azur', name: 'Provence-Alpes-Côte d’Azur', nameEn: 'Provence-Alpes-Côte d’Azur', overseas: false, country: 'FR' },
  { code: '01', slug: 'guadeloupe', name: 'Guadeloupe', nameEn: 'Guadeloupe', overseas: true, country: 'FR' },
  { code: '02', slug: 'martinique', name: 'Martinique', nameEn: 'Martinique', overseas: true, country: 'FR' },
  { code: '03', slug: 'guyane', name: 'Guyane', nameEn: 'French Guiana', overseas: true, country: 'FR' },
  { code: '04', slug: 'la-reunion', name: 'La Réunion', nameEn: 'Réunion', overseas: true, country: 'FR' },
  { code: '06', slug: 'mayotte', name: 'Mayotte', nameEn: 'Mayotte', overseas: true, country: 'FR' },
];

/**
 * Name of the regional body (instance d’animation régionale) seeded for a region:
 * the regional chamber of the social and solidarity economy (CRESS), e.g. 'CRESS Occitanie'.
 */
export function regionalBodyName(region: RegionSeed): string {
  return `CRESS ${region.name}`;
}
