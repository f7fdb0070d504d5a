import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useLocalFormat } from '#app/components/format';
import { FilterSelect } from '#app/components/forms';
import { buttonClass } from '#app/components/ui';

type Region = { code: string; name: string; nameEn: string };

/**
 * The region a desk page shows (`?region=`), for a person with several: a coordinator of a body
 * covering several regions, the national admin (every region). A GET form: it works without JavaScript.
 */
export function DeskRegionSelect({ regions, region }: { regions: readonly Region[]; region: Region | null }) {
  const { t } = useTranslation();
  const { localName } = useLocalFormat();
  if (regions.length < 2) return null;
  return (
    <Form method="get" className="flex flex-wrap items-end gap-4 rounded-lg border border-gray-300 bg-gray-50 p-4">
      <FilterSelect
        name="region"
        label={t('coordination.desk.regionLabel')}
        value={region?.code}
        options={regions.map((item) => ({ value: item.code, label: localName(item) }))}
      />
      <button type="submit" className={buttonClass()}>
        {t('coordination.desk.regionSubmit')}
      </button>
    </Form>
  );
}
