-- Entra object ids are compared without letter case (src/domain/entra-id.ts): imports store them in lower
-- case and lookups lower-case what Teams sends. Ids stored before that are lower-cased here, except where
-- two people's ids differ only in case: both stay as they are, and the next import naming either of them
-- is refused with a line error saying which two people share the id.
update people p
set aad_object_id = lower(p.aad_object_id)
where p.aad_object_id <> lower(p.aad_object_id)
  and not exists (
    select 1 from people o
    where o.id <> p.id and o.aad_object_id is not null and lower(o.aad_object_id) = lower(p.aad_object_id)
  );
