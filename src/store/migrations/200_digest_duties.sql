-- The later duties in the digest (issue 14, part 3): their item kinds, and the key decision a
-- decision-update item is about (one item per decision; its ref is made with the decision, src/domain/digest.ts).
alter table digest_item_refs drop constraint digest_item_refs_kind_check;
alter table digest_item_refs add constraint digest_item_refs_kind_check check (kind in (
  'update_overdue', 'needs_assessment_missing', 'update_due_soon', 'needs_assessment_due_soon',
  'referral_overdue', 'referral_due_soon', 'written_acknowledgement_overdue', 'written_acknowledgement_due_soon',
  'decision_update_overdue', 'decision_update_due_soon'));
-- Null on every other kind; no foreign key, as for the victim and case (a ref outlives any import).
alter table digest_item_refs add column decision_id text;
alter table digest_item_refs add constraint digest_item_refs_decision_check
  check ((kind like 'decision_update_%') = (decision_id is not null));
