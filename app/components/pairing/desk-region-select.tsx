import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { ChooserForm } from '#app/components/forms';

type Region = { code: string; name: string; nameEn: string };

/**
 * The region a desk page shows (`?region=`), for a person with several: a coordinator of a body
 * covering several regions, the national admin (every region). A GET form: it works without JavaScript.
 */
export function DeskRegionSelect({ regions, region }: { regions: readonly Region[]; region: Region | null }) {
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  return (
    <ChooserForm
      name="region"
      label={t('coordination.desk.regionLabel')}
      value={region?.code}
      options={regions.map((item) => ({ value: item.code, label: localName(item) }))}
      submit={t('coordination.desk.regionSubmit')}
    />
  );
}
