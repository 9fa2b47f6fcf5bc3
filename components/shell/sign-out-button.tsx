import { Button } from '@/components/ui/button';
import { signOutFormAction } from '@/lib/actions/account/sign-out';

/** A plain form posting to the sign-out action: works before the page's JavaScript has loaded, and ships none. */
export function SignOutButton() {
  return (
    <form action={signOutFormAction}>
      <Button type="submit" variant="ghost" size="sm">
        Sign out
      </Button>
    </form>
  );
}
