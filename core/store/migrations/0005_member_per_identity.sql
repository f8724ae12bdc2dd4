-- Version 5: a new identity's member file is made by the store's Go code
-- (addIdentityMember), in the transaction that writes the identity and
-- dated by the store's clock, rather than by a trigger on the wall clock.
-- Members already made are kept as they are.
DROP TRIGGER identities_new_member;
