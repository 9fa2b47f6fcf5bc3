import type { Metadata } from 'next';
import { GroupForm } from '@/components/groups/group-form';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { PageHeader } from '@/components/ui/page-header';
import { groupFormOptions } from '@/lib/data/groups';

export const metadata: Metadata = { title: 'New access group' };

/** `/access-groups/new`: a name and doors at the operator's sites. */
export default async function NewAccessGroupPage() {
  const options = await groupFormOptions();
  return (
    <>
      <Breadcrumbs trail={[{ href: '/access-groups', label: 'Access groups' }]} current="New" />
      <PageHeader
        title="New access group"
        description="Name it for what it opens (“Gym”, “Floor 3 suite”) and choose its doors. Members come next."
      />
      {options.sites.length === 0 ? (
        <p className="text-sm text-slate-700">You have no sites yet. Ask a super admin to give you one.</p>
      ) : (
        <GroupForm options={options} defaults={{ name: '', description: '', doorIds: [] }} />
      )}
    </>
  );
}
