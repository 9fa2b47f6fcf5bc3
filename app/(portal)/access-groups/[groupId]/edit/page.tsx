import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { GroupForm } from '@/components/groups/group-form';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { editGroupPage } from '@/lib/data/groups';
import { queryFields } from '@/lib/validation/query';

export const metadata: Metadata = { title: 'Edit access group' };

/** `/access-groups/[id]/edit`: name, description and doors; says how many people a door change reaches. */
export default async function EditAccessGroupPage({ params }: { params: Promise<{ groupId: string }> }) {
  const id = queryFields.id.parse((await params).groupId);
  if (id === undefined) notFound();
  const { group, options, reach } = await editGroupPage(id);
  return (
    <>
      <Breadcrumbs
        trail={[
          { href: '/access-groups', label: 'Access groups' },
          { href: `/access-groups/${group.id}`, label: group.name },
        ]}
        current="Edit"
      />
      <PageHeader title={`Edit ${group.name}`} />
      <GroupForm
        options={options}
        groupId={group.id}
        reach={reach}
        defaults={{
          name: group.name,
          description: group.description ?? '',
          doorIds: group.doors.map((d) => String(d.id)),
        }}
      />
    </>
  );
}
